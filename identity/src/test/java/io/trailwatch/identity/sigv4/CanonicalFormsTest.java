package io.trailwatch.identity.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pieces of the canonical request, each against the rule AWS's signers implement. */
class CanonicalFormsTest {

    @Test
    void canonicalUriEncodesTheRawPathOnceMore() {
        assertThat(CanonicalUri.of("/v1/alarms/My%20Alarm%2F1")).isEqualTo("/v1/alarms/My%2520Alarm%252F1");
        assertThat(CanonicalUri.of("/v1/a:b@c(d)*e+f~g_h.i-j")).isEqualTo("/v1/a%3Ab%40c%28d%29%2Ae%2Bf~g_h.i-j");
        assertThat(CanonicalUri.of("/caf\u00e9")).isEqualTo("/caf%C3%A9");
    }

    @Test
    void canonicalUriOfAnEmptyPathIsSlash() {
        assertThat(CanonicalUri.of("")).isEqualTo("/");
        assertThat(CanonicalUri.of("/")).isEqualTo("/");
    }

    @Test
    void canonicalUriRemovesDotAndEmptySegments() {
        assertThat(CanonicalUri.normalize("/a/./b/../c")).isEqualTo("/a/c");
        assertThat(CanonicalUri.normalize("/a//b/")).isEqualTo("/a/b/");
        assertThat(CanonicalUri.normalize("//a/b")).isEqualTo("/a/b");
        assertThat(CanonicalUri.normalize("/../b")).isEqualTo("/b");
        assertThat(CanonicalUri.normalize("/a/b/..")).isEqualTo("/a");
        assertThat(CanonicalUri.normalize("/a/b/.")).isEqualTo("/a/b");
        assertThat(CanonicalUri.normalize("/./")).isEqualTo("/");
        assertThat(CanonicalUri.normalize("/a/..")).isEqualTo("/");
        // Escaped dots and slashes are data, not structure.
        assertThat(CanonicalUri.normalize("/a/%2E%2E/b%2F..")).isEqualTo("/a/%2E%2E/b%2F..");
    }

    @Test
    void canonicalQueryIsReencodedAndSorted() {
        assertThat(QueryParameters.parse("b=2&a=1&a=0&c").canonical(null)).isEqualTo("a=0&a=1&b=2&c=");
        assertThat(QueryParameters.parse("q=a+b%20c%2bd%7e~*").canonical(null)).isEqualTo("q=a%20b%20c%2Bd~~%2A");
        assertThat(QueryParameters.parse("k=%C3%BC%FF").canonical(null)).isEqualTo("k=%C3%BC%FF");
        // Sorted by encoded name: "a%20b" < "a-b" < "aB" < "ab" in byte order.
        assertThat(QueryParameters.parse("ab=1&aB=1&a-b=1&a+b=1").canonical(null))
            .isEqualTo("a%20b=1&a-b=1&aB=1&ab=1");
        assertThat(QueryParameters.parse("x=1&&y=2&").canonical(null)).isEqualTo("x=1&y=2");
        assertThat(QueryParameters.parse(null).canonical(null)).isEmpty();
        assertThat(QueryParameters.parse("").canonical(null)).isEmpty();
    }

    @Test
    void presignedSignatureIsLeftOutOfTheCanonicalQuery() {
        final QueryParameters query = QueryParameters.parse("X-Amz-Signature=abc&X-Amz-Date=20150830T123600Z&a=b");

        assertThat(query.canonical("X-Amz-Signature")).isEqualTo("X-Amz-Date=20150830T123600Z&a=b");
        assertThat(query.first("X-Amz-Signature")).contains("abc");
    }

    @Test
    void malformedPercentEscapeIsRefused() {
        for (final String query : List.of("a=%zz", "a=%4", "%=1")) {
            assertThatThrownBy(() -> QueryParameters.parse(query))
                .isInstanceOfSatisfying(AuthenticationException.class,
                    e -> assertThat(e.code()).isEqualTo("IncompleteSignature"));
        }
    }

    @Test
    void canonicalHeadersTrimCollapseAndJoin() {
        final SignedRequest request = SignedRequest.of("GET", "/", null, Map.of(
            "Host", List.of("example.com"),
            "X-Multi", List.of("  a   b  ", "\tc\t d "),
            "X-Empty", List.of("")), null);

        assertThat(CanonicalHeaders.of(request, List.of("host", "x-empty", "x-missing", "x-multi")))
            .isEqualTo("host:example.com\nx-empty:\nx-missing:\nx-multi:a b,c d\n");
    }

    @Test
    void headerLookupIgnoresCaseAndMergesNamesThatDifferOnlyInCase() {
        final Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
        headers.put("X-Amz-Meta", List.of("1"));
        headers.put("x-amz-meta", List.of("2"));
        final SignedRequest request = SignedRequest.of("GET", "/", null, headers, null);

        assertThat(request.headerValues("X-AMZ-META")).containsExactly("1", "2");
        assertThat(request.firstHeader("x-Amz-mEta")).contains("1");
        assertThat(request.body()).isEmpty();
    }

    @Test
    void signingKeysAreDerivedOnceAndBounded() {
        final SigningKeyCache cache = new SigningKeyCache(2);
        final Credential day1 = Credential.parse("AKID/20150830/us-east-1/service/aws4_request");
        final Credential day2 = Credential.parse("AKID/20150831/us-east-1/service/aws4_request");
        final Credential day3 = Credential.parse("AKID/20150901/us-east-1/service/aws4_request");

        final byte[] first = cache.signingKey("secret", day1);
        assertThat(cache.signingKey("secret", day1)).isSameAs(first);
        assertThat(first).isEqualTo(SigningKeyCache.derive("secret", "20150830", "us-east-1", "service"));
        assertThat(cache.signingKey("other", day1)).isNotEqualTo(first);
        cache.signingKey("secret", day2);
        cache.signingKey("secret", day3);

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.signingKey("secret", day1)).isNotSameAs(first).isEqualTo(first);
    }
}
