package io.nodedex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** The outcome of one in-process {@code nodedex} command line: exit code, stdout, stderr. */
record CommandRun(int exitCode, String out, String err) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static CommandRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CommandRun(exitCode, out.toString(), err.toString());
    }

    JsonNode json() {
        try {
            return MAPPER.readTree(out);
        } catch (IOException e) {
            throw new UncheckedIOException("stdout is not JSON: " + out, e);
        }
    }
}
