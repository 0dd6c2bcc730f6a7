package io.trailwatch.stack;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * A child JVM's work in {@link ChildJvmUmaskTest}: creates a file as any program does (with the process umask) and
 * writes its second argument in it.
 */
public final class CreateFileMain {

    private CreateFileMain() {
    }

    public static void main(final String[] args) throws IOException {
        final File file = new File(args[0]);
        if (!file.createNewFile()) {
            throw new IOException(args[0] + " exists already");
        }
        Files.writeString(file.toPath(), args[1], StandardCharsets.UTF_8);
    }
}
