package io.trailwatch.app;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.trailwatch.stack.FreePorts;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;

/**
 * A real SMTP server (GreenMail) on loopback for the test JVM, which the shared Trailwatch sends email subscriptions
 * through: tests read what it received.
 */
final class TestSmtp {

    private static GreenMail server;

    private TestSmtp() {
    }

    static synchronized GreenMail get() {
        if (server == null) {
            server = new GreenMail(new ServerSetup(FreePorts.pick(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }

    static int port() {
        return get().getSmtp().getPort();
    }

    /** The mails received so far for the address. */
    static List<MimeMessage> receivedBy(final String address) {
        return Arrays.stream(get().getReceivedMessages()).filter(mail -> sentTo(mail, address)).toList();
    }

    private static boolean sentTo(final MimeMessage mail, final String address) {
        try {
            return mail.getAllRecipients() != null && Arrays.stream(mail.getAllRecipients())
                .anyMatch(recipient -> recipient.toString().equalsIgnoreCase(address));
        } catch (final jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
