package io.trailwatch.schemas.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintableTest {

    @Test
    void ordinaryTextIsUnchangedAndTheSameInstance() {
        final String text = "Threshold Crossed: 1 datapoint [1.0 (21/11/26 10:30:00)] >= 1.0; café, Ünïcödé, 日本語, 🚨";

        assertThat(Printable.escape(text)).isSameAs(text);
    }

    @Test
    void newlinesCarriageReturnsAndTabsBecomeTheirEscapes() {
        assertThat(Printable.escape("a\nb\rc\td")).isEqualTo("a\\nb\\rc\\td");
    }

    @Test
    void otherC0ControlsAndDelBecomeUnicodeEscapes() {
        assertThat(Printable.escape("\u001b[2J\u0007\u0000\b\u007f")).isEqualTo("\\u001b[2J\\u0007\\u0000\\u0008\\u007f");
    }

    @Test
    void c1ControlsAreEscaped() {
        assertThat(Printable.escape("x\u0080\u009b31my\u009f")).isEqualTo("x\\u0080\\u009b31my\\u009f");
        assertThat(Printable.escape("\u00a0\u00e9")).isEqualTo("\u00a0\u00e9"); // just past C1: NBSP, é
    }

    @Test
    void bidiOverridesIsolatesAndSeparatorsAreEscaped() {
        assertThat(Printable.escape("a\u202ab\u202bc\u202cd\u202de\u202ef")).isEqualTo(
            "a\\u202ab\\u202bc\\u202cd\\u202de\\u202ef");
        assertThat(Printable.escape("\u2066x\u2067y\u2068z\u2069")).isEqualTo("\\u2066x\\u2067y\\u2068z\\u2069");
        assertThat(Printable.escape("line\u2028next\u2029para")).isEqualTo("line\\u2028next\\u2029para");
        assertThat(Printable.escape("\u2027\u202f\u2065\u206a\u200f")).isEqualTo("\u2027\u202f\u2065\u206a\u200f");
    }

    @Test
    void aBackslashIsDoubledSoThatAnEscapeCannotBeForged() {
        final String forged = Printable.escape("x\\nalarm: FORGED");
        final String real = Printable.escape("x\nalarm: FORGED");

        assertThat(forged).isEqualTo("x\\\\nalarm: FORGED");
        assertThat(real).isEqualTo("x\\nalarm: FORGED");
        assertThat(forged).isNotEqualTo(real);
        assertThat(Printable.escape("\\u001b")).isEqualTo("\\\\u001b");
    }

    @Test
    void surrogatePairsStayAndLoneSurrogatesAreEscaped() {
        assertThat(Printable.escape("\ud83d\udea8")).isEqualTo("\ud83d\udea8");
        assertThat(Printable.escape("a\ud83d")).isEqualTo("a\\ud83d");
        assertThat(Printable.escape("\udea8b")).isEqualTo("\\udea8b");
        assertThat(Printable.escape("\ud83d\ud83d\udea8")).isEqualTo("\\ud83d\ud83d\udea8");
    }

    @Test
    void theResultHasNoControlCharacterAndIsOneLine() {
        final StringBuilder every = new StringBuilder();
        for (char c = 0; c < 0x3000; c++) {
            every.append(c);
        }
        final String escaped = Printable.escape(every);

        assertThat(escaped.chars().filter(c -> c < 0x20 || c >= 0x7f && c <= 0x9f || c == 0x2028 || c == 0x2029
            || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069)).isEmpty();
        assertThat(escaped.lines()).hasSize(1);
    }

    @Test
    void nullIsPrintedAsConcatenationPrintsIt() {
        assertThat(Printable.escape(null)).isEqualTo("null");
    }
}
