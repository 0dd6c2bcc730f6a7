package io.trailwatch.processors.filter.pattern;

import java.util.Optional;

/** A parsed pattern of one of the three languages, immutable and safe to share between threads. */
sealed interface CompiledPattern permits TermPattern, JsonPattern, DelimitedPattern {

    PatternKind kind();

    /** Matches the message in the form this language reads: its text, or its JSON tree for JSON patterns. */
    Optional<Match> match(LogMessage message);
}
