package io.trailwatch.processors.filter.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which event names a pattern requires: what the audit trail's filter index relies on to skip filters. */
class RequiredValuesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
        { $.eventName = "DeleteBucket" } ; DeleteBucket
        { $.eventName = DeleteBucket && $.errorCode NOT EXISTS } ; DeleteBucket
        { ($.eventName = A) || ($.eventName = B) } ; A,B
        { $.eventSource = s3.amazonaws.com && ($.eventName = A || $.eventName = B) } ; A,B
        { ($.eventName = A || $.eventName = B) && ($.eventName = B || $.eventName = C) } ; B
        { $.eventName = A || $.eventSource = s3.amazonaws.com } ;
        { $.eventName = "Delete*" } ;
        { $.eventName != "DeleteBucket" } ;
        { $.eventName = %Delete% } ;
        { $.detail.eventName = "DeleteBucket" } ;
        { $.userIdentity.type = "Root" } ;
        DeleteBucket ;
        [a, eventName = DeleteBucket] ;
        """)
    void requiredEventNames(final String pattern, final String required) {
        assertThat(FilterPattern.parse(pattern).requiredValues("eventName"))
            .isEqualTo(required == null ? java.util.Optional.empty() : java.util.Optional.of(Set.of(required.split(","))));
    }

    @ParameterizedTest(name = "CloudWatch.{0}")
    @CsvSource({"4, 16", "5, 5", "6, 1", "7, 2", "8, 9", "9, 4", "10, 6", "11, 6", "12, 6", "13, 7", "14, 11"})
    void everyCisPatternThatNamesApiCallsIsIndexedByThem(final int control, final int names) throws Exception {
        final String pattern = (String) CisCloudTrailPatternsTest.class.getDeclaredField(switch (control) {
            case 4 -> "CW4_IAM_POLICY";
            case 5 -> "CW5_TRAIL";
            case 6 -> "CW6_LOGIN_FAILURE";
            case 7 -> "CW7_KMS";
            case 8 -> "CW8_S3_POLICY";
            case 9 -> "CW9_CONFIG";
            case 10 -> "CW10_SECURITY_GROUP";
            case 11 -> "CW11_NACL";
            case 12 -> "CW12_GATEWAY";
            case 13 -> "CW13_ROUTE";
            default -> "CW14_VPC";
        }).get(null);
        assertThat(FilterPattern.parse(pattern).requiredValues("eventName")).hasValueSatisfying(values ->
            assertThat(values).hasSize(names));
    }
}
