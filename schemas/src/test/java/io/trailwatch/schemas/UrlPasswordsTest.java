package io.trailwatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A URL's password never shows; everything else does, unchanged. */
class UrlPasswordsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        https://ops:s3cret@hooks.example.com/x       | https://ops:****@hooks.example.com/x
        HTTP://ops:p%40ss:word@h:8080/a?b=c          | HTTP://ops:****@h:8080/a?b=c
        https://ops:@h/                              | https://ops:****@h/
        https://token-only@h/                        | https://token-only@h/
        https://h/path:with@sign                     | https://h/path:with@sign
        https://h/?q=user:pw@x                       | https://h/?q=user:pw@x
        dba@example.com                              | dba@example.com
        """)
    void maskedHidesOnlyTheUserInformationsPassword(final String text, final String shown) {
        assertThat(UrlPasswords.masked(text)).isEqualTo(shown);
    }
}
