package io.trailwatch.sinks.archive.digest;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How digests are written.
 *
 * @param interval        the period each digest covers (CloudTrail: one hour)
 * @param delay           how long after a period ends its digest is written
 * @param signingKeyFile  PEM file of the RSA private key (PKCS#8)
 * @param trailName       trail name in digest file names
 * @param homeRegion      home region in digest file names
 */
public record DigestSettings(Duration interval, Duration delay, Path signingKeyFile, String trailName,
                             String homeRegion) {
}
