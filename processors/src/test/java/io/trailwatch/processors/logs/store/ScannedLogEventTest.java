package io.trailwatch.processors.logs.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The undecoded view of a stored event against the decoded event it stands for. */
class ScannedLogEventTest {

    /** ASCII, two-, three- and four-byte UTF-8 (a surrogate pair): a byte search must not match across them. */
    private static final String[] PIECES = {"a", "b", "E", "R", "é", "è", "日", "本", "😀", "🙂", " ", "ERROR"};

    private static String randomText(final Random random, final int pieces) {
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.toString();
    }

    private static ScannedLogEvent stored(final StoredLogEvent event) {
        final byte[] key = LogEventKeys.event(LogEventKeys.stream("/g", event.logStreamName()), event.position())
            .get();
        return new ScannedLogEvent(event.logStreamName(), key, StoredLogEvent.value(event.ingestionTime(),
            event.message()));
    }

    @Test
    void containsAnswersAsStringContainsDoes() {
        final Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            final String message = randomText(random, random.nextInt(12));
            final String term = randomText(random, 1 + random.nextInt(3));
            final ScannedLogEvent scanned = stored(new StoredLogEvent("s", new LogPosition(i, 0, i), i, message));
            assertThat(scanned.messageContains(term.getBytes(StandardCharsets.UTF_8)))
                .as("%s contains %s", message, term).isEqualTo(message.contains(term));
        }
    }

    @Test
    void decodesToTheEventItWasWrittenFrom() {
        final Random random = new Random(8);
        for (int i = 0; i < 1_000; i++) {
            final long time = random.nextLong() / 2;
            final StoredLogEvent event = new StoredLogEvent("web-" + i, new LogPosition(time, random.nextInt(4),
                random.nextInt(1_000_000)), time + 5, randomText(random, random.nextInt(20)));
            final ScannedLogEvent scanned = stored(event);
            assertThat(scanned.timestamp()).isEqualTo(event.timestamp());
            assertThat(scanned.size()).isEqualTo(event.size());
            assertThat(scanned.logStreamName()).isEqualTo(event.logStreamName());
            assertThat(scanned.event()).isEqualTo(event);
            final ScannedLogEvent wrapped = ScannedLogEvent.of(event);
            assertThat(wrapped.timestamp()).isEqualTo(event.timestamp());
            assertThat(wrapped.size()).isEqualTo(event.size());
        }
    }
}
