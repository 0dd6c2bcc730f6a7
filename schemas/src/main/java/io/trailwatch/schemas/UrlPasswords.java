package io.trailwatch.schemas;

import java.util.regex.Pattern;

/**
 * A URL's password hidden ({@code https://user:****@host/}), as SNS shows the endpoints of its subscriptions: what
 * an API answers, the audit records or a log line says of a URL never carries the password it was given.
 */
public final class UrlPasswords {

    /** {@code scheme://user:password@}: the password is what lies between the first colon and the {@code @}. */
    private static final Pattern USER_INFO = Pattern.compile("(?i)^([a-z][a-z0-9+.-]*://[^/?#:@]*):[^/?#@]*@");

    private UrlPasswords() {
    }

    /** The text with the password of the URL it is replaced by {@code ****}; other text unchanged. */
    public static String masked(final String text) {
        return USER_INFO.matcher(text).replaceFirst("$1:****@");
    }
}
