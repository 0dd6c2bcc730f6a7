package io.trailwatch.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The demo's webhook prints what it receives, escaped: a notification cannot forge console lines. */
class DemoWebhookReceiverTest {

    @Test
    void printsOneEscapedLinePerNotification() throws Exception {
        final StringWriter out = new StringWriter();
        try (DemoWebhookReceiver receiver = DemoWebhookReceiver.start(new PrintWriter(out))) {
            final HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(receiver.url())).POST(HttpRequest.BodyPublishers.ofString("""
                    {"Type": "Notification", "MessageId": "n-1\\u001b[2J", "Message": "{\\"AlarmName\\": \\"S3BucketDeleted\\\\nalarm: FORGED OK -> ALARM\\", \\"OldStateValue\\": \\"OK\\", \\"NewStateValue\\": \\"ALARM\\\\u009b\\"}"}""")).build(),
                HttpResponse.BodyHandlers.discarding());
            assertThat(response.statusCode()).isEqualTo(204);
        }

        assertThat(out.toString()).isEqualTo("notification: webhook received S3BucketDeleted\\nalarm: FORGED OK -> "
            + "ALARM OK -> ALARM\\u009b (id n-1\\u001b[2J)" + System.lineSeparator());
    }
}
