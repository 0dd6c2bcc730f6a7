package io.trailwatch.sinks.archive.validation;

/** Counts of what validate-logs checked. */
public record ValidationResult(int digestsValid, int digestsInvalid, int logFilesValid, int logFilesInvalid) {

    /** True when nothing was INVALID. */
    public boolean valid() {
        return digestsInvalid == 0 && logFilesInvalid == 0;
    }
}
