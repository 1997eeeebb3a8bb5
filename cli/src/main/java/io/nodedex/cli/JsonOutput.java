package io.nodedex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.IOException;

/**
 * Writes JSON documents to a command's standard output: pretty-printed, one per call, or as JSON
 * lines (one compact document per line, for streams).
 */
final class JsonOutput {

    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static final ObjectMapper COMPACT = new ObjectMapper();

    private JsonOutput() {
    }

    /** One document on one line. */
    static void printLine(PrintWriter out, JsonNode document) {
        try {
            out.println(COMPACT.writeValueAsString(document));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void print(PrintWriter out, JsonNode document) {
        try {
            out.println(MAPPER.writeValueAsString(document));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
