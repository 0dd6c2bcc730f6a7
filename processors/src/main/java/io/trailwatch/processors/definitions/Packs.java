package io.trailwatch.processors.definitions;

import io.trailwatch.processors.config.DefinitionEntry;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;

/**
 * Definitions shipped with Trailwatch, enabled by name ({@code trailwatch up --pack cis}, or {@code packs: [cis]}
 * in a config file). Each pack is a config file on the classpath, {@code packs/<name>.yaml} beside this class.
 *
 * <ul>
 *   <li>{@code cis}: the 14 CloudTrail metric filters of the CIS AWS Foundations Benchmark (Security Hub controls
 *   CloudWatch.1 to CloudWatch.14), each with its alarm as Security Hub's remediation describes it: metric value
 *   1 in namespace CISBenchmark, alarm on Sum &gt;= 1 over 300 s, one evaluation period, missing data not
 *   breaching.</li>
 * </ul>
 */
public final class Packs {

    private static final Set<String> NAMES = Set.of("cis");

    private Packs() {
    }

    public static Set<String> names() {
        return NAMES;
    }

    /** The validated definitions of the named pack. */
    public static List<DefinitionEntry> load(final String name) throws IOException {
        if (!NAMES.contains(name)) {
            throw new InvalidRecordException("packs", "unknown pack '" + name + "'; available: " + NAMES);
        }
        final String resource = "packs/" + name + ".yaml";
        try (InputStream in = Packs.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("pack resource missing from the classpath: " + resource);
            }
            return ConfigFile.parse(in, "pack " + name);
        }
    }
}
