package io.trailwatch.app.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** An option's value given inline or, as the AWS CLI takes it, as {@code file://PATH} to read (UTF-8). */
final class FileArgument {

    private static final String SCHEME = "file://";

    /** A file that cannot be read, with the reason. */
    static final class Unreadable extends Exception {
        Unreadable(final String message) {
            super(message, null, false, false);
        }
    }

    private FileArgument() {
    }

    static String read(final String option, final String value) throws Unreadable {
        if (!value.startsWith(SCHEME)) {
            return value;
        }
        try {
            return Files.readString(Path.of(value.substring(SCHEME.length())), StandardCharsets.UTF_8);
        } catch (final IOException | RuntimeException e) {
            throw new Unreadable(option + ": cannot read " + value + ": " + e.getMessage());
        }
    }
}
