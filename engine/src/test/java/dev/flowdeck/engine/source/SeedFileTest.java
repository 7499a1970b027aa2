package dev.flowdeck.engine.source;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeedFileTest {
    private static SeedFile.Loaded load(String name, String text) {
        return SeedFile.load(name, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void csvWithQuotedNamesLoads() {
        SeedFile.Loaded l = load("seed.csv", "org,amount,region\n\"Sterling, Cooper & Partners\",12.50,eu-west\nAcme,3,us-east\n");
        assertThat(l.rows()).containsExactly(
                new SeedRow("Sterling, Cooper & Partners", new BigDecimal("12.50"), "eu-west"),
                new SeedRow("Acme", new BigDecimal("3.00"), "us-east"));
        assertThat(l.problems()).isEmpty();
    }

    @Test
    void malformedCsvLinesAreReportedWithFileAndLineAndSkipped() {
        SeedFile.Loaded l = load("seed.csv", "org,amount,region\nAcme,1.00,eu-west\nGlobex,lots,us-east\nInitech,2.00\n"
                + "\"Unclosed,3.00,eu-west\n,4.00,eu-west\nHooli,5.001,ap-south\nUmbrella,6.00,sa-east\n");
        assertThat(l.rows()).extracting(SeedRow::org).containsExactly("Acme", "Umbrella");
        assertThat(l.problems()).hasSize(5);
        assertThat(l.problems().get(0)).startsWith("seed.csv:3: amount 'lots' is not a number");
        assertThat(l.problems().get(1)).startsWith("seed.csv:4: expected 3 values, found 2");
        assertThat(l.problems().get(2)).startsWith("seed.csv:5: ");
        assertThat(l.problems().get(3)).startsWith("seed.csv:6: org must be");
        assertThat(l.problems().get(4)).startsWith("seed.csv:7: amount 5.001 does not fit");
    }

    @Test
    void jsonArrayAndJsonLinesLoadWithLineNumbersInProblems() {
        SeedFile.Loaded array = load("seed.json", "[\n {\"org\":\"Acme\",\"amount\":1.5,\"region\":\"eu-west\"},\n"
                + " {\"org\":\"Globex\",\"amount\":\"x\",\"region\":\"us-east\"}\n]");
        assertThat(array.rows()).extracting(SeedRow::org).containsExactly("Acme");
        assertThat(array.problems()).containsExactly("seed.json:3: amount 'x' is not a number; line skipped");

        SeedFile.Loaded lines = load("seed.jsonl", "{\"org\":\"Acme\",\"amount\":1,\"region\":\"eu\"}\n{\"org\":\"B\",\"amount\":2,\"region\":\"us\"}\n");
        assertThat(lines.rows()).hasSize(2);
    }

    @Test
    void badUtf8AndNulCharactersAreNamedWithFileAndLine() {
        byte[] bad = "org,amount,region\nAcme,1.00,eu-west\nGlo\u0000bex,2.00,us-east\nCaf".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] rest = ",3.00,eu-west\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] withBadByte = java.util.Arrays.copyOf(bad, bad.length + 1 + rest.length);
        withBadByte[bad.length] = (byte) 0xE9; // Latin-1 'é': not UTF-8
        System.arraycopy(rest, 0, withBadByte, bad.length + 1, rest.length);
        assertThatThrownBy(() -> SeedFile.load("seed.csv", new java.io.ByteArrayInputStream(withBadByte)))
                .hasMessageContaining("seed.csv:4: not valid UTF-8");
        SeedFile.Loaded nul = load("seed.csv", "org,amount,region\nAcme,1.00,eu-west\nGlo\u0000bex,2.00,us-east\n");
        assertThat(nul.rows()).extracting(SeedRow::org).containsExactly("Acme");
        assertThat(nul.problems()).singleElement().asString().startsWith("seed.csv:3: a value holds a NUL character");
        assertThatThrownBy(() -> load("seed.json", "[{\"org\":\"Acme\",\"amount\":1,\"region\":\"eu\"},\n42]"))
                .hasMessageContaining("seed.json:2: expected an object");
    }

    @Test
    void unusableFilesFailWithAMessageThatSaysWhy() {
        assertThatThrownBy(() -> load("seed.csv", "name,value\nAcme,1\n"))
                .hasMessageContaining("seed.csv:1: the header must name the columns org, amount and region");
        assertThatThrownBy(() -> load("seed.txt", "org,amount,region\n")).hasMessageContaining("neither .csv nor .json");
        assertThatThrownBy(() -> load("seed.json", "[{\"org\":\"Acme\",\"amount\":1,\"region\":\"eu\"},\n{oops"))
                .hasMessageContaining("seed.json:2: not valid JSON");
        assertThatThrownBy(() -> load("seed.csv", "org,amount,region\nA,x,eu\n")).hasMessageContaining("no usable rows");
    }
}
