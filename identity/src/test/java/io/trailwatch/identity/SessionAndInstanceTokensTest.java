package io.trailwatch.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import io.trailwatch.testkit.MutableClock;
import java.util.Base64;
import java.util.Locale;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Console sessions and the tokens instances forward queries with: bound to the deployment's key and to time. */
class SessionAndInstanceTokensTest {

    private static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    private static final Duration LIFETIME = Duration.ofHours(12);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:15:30.250Z"));
    private final IdentityKey key = IdentityKey.random();

    @Nested
    class Sessions {

        private final SessionTokens sessions = new SessionTokens(key, clock, LIFETIME);

        @Test
        void aSessionVerifiesWithTheSameIdentityKey() {
            final SessionTokens.Session issued = sessions.issue(KEY_ID);

            final SessionTokens.Session verified = sessions.verify(issued.token()).orElseThrow();

            assertThat(verified.accessKeyId()).isEqualTo(KEY_ID);
            assertThat(verified.csrfToken()).isEqualTo(issued.csrfToken());
            assertThat(verified.expiresAt()).isEqualTo(issued.expiresAt())
                .isEqualTo(Instant.parse("2026-03-01T22:15:30Z"));
            assertThat(new SessionTokens(key, clock, LIFETIME).verify(issued.token()))
                .as("another instance of the deployment").isPresent();
        }

        @Test
        void aSessionDoesNotVerifyWithAnotherIdentityKey() {
            final SessionTokens.Session issued = sessions.issue(KEY_ID);

            assertThat(new SessionTokens(IdentityKey.random(), clock, LIFETIME).verify(issued.token())).isEmpty();
        }

        @Test
        void aTamperedPayloadDoesNotVerify() {
            final SessionTokens.Session issued = sessions.issue(KEY_ID);
            final String[] token = issued.token().split("\\.");
            final String payload = new String(Base64.getUrlDecoder().decode(token[0]), StandardCharsets.UTF_8);
            final String[] fields = payload.split("\\|");
            assertThat(fields).as("accessKeyId|expiresAt|csrf").hasSize(3);

            final String longer = fields[0] + "|" + (Long.parseLong(fields[1]) + 86_400) + "|" + fields[2];
            final String otherKey = "AKIAI44QH8DHBEXAMPLE|" + fields[1] + "|" + fields[2];
            for (final String forged : new String[] {longer, otherKey}) {
                final String forgedToken = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(forged.getBytes(StandardCharsets.UTF_8)) + "." + token[1];
                assertThat(sessions.verify(forgedToken)).as(forged).isEmpty();
            }
            assertThat(sessions.verify(flipLast(token[0]) + "." + token[1])).isEmpty();
            assertThat(sessions.verify(issued.token())).isPresent();
        }

        @Test
        void aTamperedTagDoesNotVerify() {
            final SessionTokens.Session issued = sessions.issue(KEY_ID);
            final int dot = issued.token().indexOf('.');
            final String payload = issued.token().substring(0, dot);
            final String tag = issued.token().substring(dot + 1);

            assertThat(sessions.verify(payload + "." + flipLast(tag))).isEmpty();
            assertThat(sessions.verify(payload + "." + tag.substring(1))).isEmpty();
            assertThat(sessions.verify(payload + "." + tag + "A")).isEmpty();
            assertThat(sessions.verify(payload + ".")).isEmpty();
            assertThat(sessions.verify(payload)).isEmpty();
            assertThat(sessions.verify(payload + "." + sessions.issue(KEY_ID).token().split("\\.")[1])).isEmpty();
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {".", "abc", ".abc", "abc.", "a.b.c", "%%%.###"})
        void garbageDoesNotVerify(final String token) {
            assertThat(sessions.verify(token)).isEmpty();
        }

        @Test
        void anExpiredSessionDoesNotVerify() {
            final SessionTokens.Session issued = sessions.issue(KEY_ID);

            clock.set(issued.expiresAt().minusMillis(1));
            assertThat(sessions.verify(issued.token())).isPresent();

            clock.set(issued.expiresAt());
            assertThat(sessions.verify(issued.token())).isEmpty();

            clock.advance(Duration.ofDays(30));
            assertThat(sessions.verify(issued.token())).isEmpty();
        }

        @Test
        void theCsrfTokenMustMatchExactly() {
            final SessionTokens.Session session = sessions.issue(KEY_ID);
            final String csrf = session.csrfToken();

            assertThat(csrf).hasSizeGreaterThanOrEqualTo(32);
            assertThat(session.csrfMatches(csrf)).isTrue();
            assertThat(sessions.verify(session.token()).orElseThrow().csrfMatches(csrf)).isTrue();

            assertThat(session.csrfMatches(null)).isFalse();
            assertThat(session.csrfMatches("")).isFalse();
            assertThat(session.csrfMatches(csrf.substring(0, csrf.length() - 1))).isFalse();
            assertThat(session.csrfMatches(csrf + "A")).isFalse();
            assertThat(session.csrfMatches(" " + csrf)).isFalse();
            assertThat(session.csrfMatches(flipLast(csrf))).isFalse();
            assertThat(session.csrfMatches(csrf.toUpperCase(Locale.ROOT).equals(csrf)
                ? csrf.toLowerCase(Locale.ROOT) : csrf.toUpperCase(Locale.ROOT))).isFalse();
            assertThat(session.csrfMatches(sessions.issue(KEY_ID).csrfToken())).as("another session's").isFalse();
        }

        @Test
        void aSessionPrintsWithoutItsTokens() {
            final SessionTokens.Session session = sessions.issue(KEY_ID);

            assertThat(session.toString()).contains(KEY_ID).doesNotContain(session.token())
                .doesNotContain(session.csrfToken()).doesNotContain(session.token().split("\\.")[1]);
        }
    }

    @Nested
    class InstanceRequests {

        private static final String PATH = "/v1/events?start=2026-03-01T00:00:00Z&max=50";

        private final InstanceTokens tokens = new InstanceTokens(key, clock);

        @Test
        void aTokenVerifiesForItsMethodPathAndQuery() {
            final String header = tokens.sign("GET", PATH);

            assertThat(tokens.verify("GET", PATH, header)).isTrue();
            assertThat(new InstanceTokens(key, clock).verify("GET", PATH, header)).as("another instance").isTrue();
        }

        @Test
        void anotherPathOrQueryDoesNotVerify() {
            final String header = tokens.sign("GET", PATH);

            assertThat(tokens.verify("GET", "/v1/alarms?start=2026-03-01T00:00:00Z&max=50", header)).isFalse();
            assertThat(tokens.verify("GET", "/v1/events?start=2026-03-01T00:00:00Z&max=5000", header)).isFalse();
            assertThat(tokens.verify("GET", "/v1/events", header)).isFalse();
            assertThat(tokens.verify("GET", PATH + "&x=1", header)).isFalse();
        }

        @Test
        void anotherMethodDoesNotVerify() {
            final String header = tokens.sign("GET", PATH);

            assertThat(tokens.verify("POST", PATH, header)).isFalse();
            assertThat(tokens.verify("DELETE", PATH, header)).isFalse();
            assertThat(tokens.verify("get", PATH, header)).isFalse();
        }

        @Test
        void aTokenIsValidForFiveMinutes() {
            final String header = tokens.sign("GET", PATH);

            clock.advance(Duration.ofMinutes(5));
            assertThat(tokens.verify("GET", PATH, header)).isTrue();

            clock.advance(Duration.ofSeconds(1));
            assertThat(tokens.verify("GET", PATH, header)).as("an old token").isFalse();

            clock.advance(Duration.ofHours(1));
            assertThat(tokens.verify("GET", PATH, header)).isFalse();
        }

        @Test
        void aTokenFromTooFarInTheFutureDoesNotVerify() {
            clock.advance(Duration.ofMinutes(10));
            final String header = tokens.sign("GET", PATH);
            clock.advance(Duration.ofMinutes(-10));

            assertThat(tokens.verify("GET", PATH, header)).isFalse();
        }

        @Test
        void aTokenMadeWithAnotherKeyDoesNotVerify() {
            final String foreign = new InstanceTokens(IdentityKey.random(), clock).sign("GET", PATH);

            assertThat(tokens.verify("GET", PATH, foreign)).isFalse();
        }

        @Test
        void theTimeCannotBeMovedWithoutTheTag() {
            final String header = tokens.sign("GET", PATH);
            final long signedAt = Long.parseLong(header.substring(0, header.indexOf('.')));
            clock.advance(Duration.ofMinutes(6));

            final String moved = (signedAt + 360) + header.substring(header.indexOf('.'));

            assertThat(tokens.verify("GET", PATH, moved)).isFalse();
        }

        @Test
        void aSessionTagIsNoInstanceToken() {
            final SessionTokens.Session session = new SessionTokens(key, clock, LIFETIME).issue(KEY_ID);

            assertThat(tokens.verify("GET", PATH, session.token())).isFalse();
            assertThat(tokens.verify("GET", PATH, clock.instant().getEpochSecond() + "."
                + session.token().split("\\.")[1])).isFalse();
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {".", "abc", ".abc", "123", "123.", "abc.def", "12a.def", "99999999999999999999.x"})
        void garbageDoesNotVerify(final String header) {
            assertThat(tokens.verify("GET", PATH, header)).isFalse();
        }
    }

    /** Changes the last character to another one of the base64url alphabet. */
    private static String flipLast(final String text) {
        final char last = text.charAt(text.length() - 1);
        return text.substring(0, text.length() - 1) + (last == 'A' ? 'B' : 'A');
    }
}
