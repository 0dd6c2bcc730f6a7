package io.trailwatch.stack;

/**
 * A child JVM's work in {@link ChildJvmSupervisionTest}: {@code run} prints a line and runs until killed; {@code fail}
 * prints why it cannot start and exits with code 3, as a server with a bad configuration does.
 */
public final class ChildMain {

    private ChildMain() {
    }

    public static void main(final String[] args) throws InterruptedException {
        if ("fail".equals(args[0])) {
            System.out.println("bad configuration: no such bucket directory " + args[1]);
            System.exit(3);
        }
        System.out.println("running " + args[1]);
        Thread.sleep(Long.MAX_VALUE);
    }
}
