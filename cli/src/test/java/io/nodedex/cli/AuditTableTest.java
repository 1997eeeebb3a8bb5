package io.nodedex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** How {@code nodedex audit} prints an answer of {@code GET /v1/audit} as a table. */
class AuditTableTest {

    private static String table(String body) throws Exception {
        StringWriter out = new StringWriter();
        new AuditCommand().printTable(new ObjectMapper().readTree(body), new PrintWriter(out, true));
        return out.toString();
    }

    @Test
    void hostsThatWentSilentFollowTheFindings() throws Exception {
        assertThat(table("""
                {"findings": [], "counts": {"duplicate_wwpn": 0},
                 "staleHosts": [{"host": "hv03", "lastSeen": "2026-12-01T08:00:00Z"},
                                {"host": "hv17", "lastSeen": "2026-12-02T23:59:30Z"}]}"""))
                .isEqualTo("""
                        KIND  FINDING
                        no findings

                        STALE HOST  LAST SEEN
                        hv03        2026-12-01T08:00:00Z
                        hv17        2026-12-02T23:59:30Z
                        """);
    }

    @Test
    void moreStaleHostsThanTheAnswerListsAreCounted() throws Exception {
        assertThat(table("""
                {"findings": [], "counts": {}, "staleHostCount": 2400,
                 "staleHosts": [{"host": "hv0001", "lastSeen": "2026-12-01T08:00:00Z"}]}"""))
                .endsWith("""
                        STALE HOST  LAST SEEN
                        hv0001      2026-12-01T08:00:00Z
                        showing 1 of 2400 stale hosts
                        """);
    }

    @Test
    void withoutStaleHostsTheTableIsTheFindingsAlone() throws Exception {
        assertThat(table("""
                {"findings": [], "counts": {"duplicate_wwpn": 0}, "staleHosts": []}"""))
                .isEqualTo("KIND  FINDING\nno findings\n");
    }
}
