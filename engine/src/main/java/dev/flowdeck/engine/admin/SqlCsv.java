package dev.flowdeck.engine.admin;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a SQL result page to CSV with a header row; SQL NULL becomes an empty field. */
public final class SqlCsv {
    private SqlCsv() {
    }

    public static void write(SqlResult result, Path file) {
        if (!result.hasResultSet()) {
            throw new AdminException("nothing to export: the last statement returned no rows");
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(result, out);
        } catch (IOException e) {
            throw new AdminException("cannot write " + file + ": " + e.getMessage() + ". Choose a writable folder.", e);
        }
    }

    /** Writes the page to {@code out} (left open for the caller); the command line prints it on stdout. */
    public static void write(SqlResult result, Writer out) throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        java.util.Set<String> used = new java.util.HashSet<>();
        for (SqlColumn c : result.columns()) {
            String name = c.name();
            for (int i = 2; !used.add(name); i++) {
                name = c.name() + "_" + i; // CSV headers must be unique; SQL labels need not be
            }
            schema.addColumn(name);
        }
        try (SequenceWriter w = new CsvMapper().writer(schema.build()).writeValues(out)) {
            for (var row : result.rows()) {
                w.write(row);
            }
        }
    }
}
