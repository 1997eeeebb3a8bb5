package io.nodedex.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web page's files as the server holds them: where each is served, its type, and what the
 * Content-Security-Policy demands of them (no inline script, style or event handler; every file
 * the page loads is one of its own).
 */
class WebAssetsTest {

    private static final WebAssets PAGE = WebAssets.load();

    @TempDir
    Path dir;

    @Test
    void theIndexIsServedAtTheRootAndEveryOtherFileUnderUi() {
        assertThat(PAGE.paths()).contains("/", "/ui/app.js", "/ui/api.js", "/ui/live.js", "/ui/style.css",
                "/ui/icon.svg", "/ui/pages/host.js");
        assertThat(PAGE.paths()).allMatch(path -> path.equals("/") || path.startsWith("/ui/"));
        assertThat(PAGE.find("/index.html")).isEmpty();
    }

    @Test
    void eachFileHasTheContentTypeOfItsKind() {
        assertThat(PAGE.find("/").orElseThrow().contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(PAGE.find("/ui/app.js").orElseThrow().contentType()).isEqualTo("text/javascript; charset=utf-8");
        assertThat(PAGE.find("/ui/style.css").orElseThrow().contentType()).isEqualTo("text/css; charset=utf-8");
        assertThat(PAGE.find("/ui/icon.svg").orElseThrow().contentType()).isEqualTo("image/svg+xml");
    }

    @Test
    void everyFileThePageLoadsOrImportsIsOneItServes() {
        List<String> wanted = new ArrayList<>();
        for (String path : PAGE.paths()) {
            String text = text(path);
            Matcher references = Pattern.compile("(?:src|href)=\"(/[^\"#]*)\"").matcher(text);
            while (path.equals("/") && references.find()) {
                wanted.add(references.group(1));
            }
            Matcher imports = Pattern.compile("(?m)^import [^;]* from '([^']+)';").matcher(text);
            while (path.endsWith(".js") && imports.find()) {
                wanted.add(Path.of(path).resolveSibling(imports.group(1)).normalize().toString());
            }
        }
        assertThat(wanted).contains("/ui/app.js", "/ui/style.css", "/ui/pages/host.js", "/ui/api.js")
                .allMatch(path -> PAGE.find(path).isPresent() || path.equals("/openapi.json"));
    }

    @Test
    void thePageHasNoInlineScriptStyleOrEventHandlerForThePolicyToRefuse() {
        String index = text("/");

        assertThat(index).doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContainPattern("<style")
                .doesNotContainPattern("\\sstyle=").doesNotContainPattern("\\son[a-z]+=");
        for (String path : PAGE.paths()) {
            if (path.endsWith(".js")) {
                assertThat(text(path)).as(path).doesNotContain("innerHTML", "eval(", "new Function", ".style.");
            }
        }
        assertThat(WebAssets.CONTENT_SECURITY_POLICY).startsWith("default-src 'self';")
                .doesNotContain("unsafe-inline", "unsafe-eval");
    }

    @Test
    void aFileIsAnsweredWithItsTagAndPolicyAndA304WhileTheBrowsersCopyIsCurrent() {
        WebAssets.Asset script = PAGE.find("/ui/app.js").orElseThrow();

        ApiResponse first = WebAssets.answer(script, new DefaultHttpHeaders());
        ApiResponse same = WebAssets.answer(script, ifNoneMatch(script.etag()));
        ApiResponse weak = WebAssets.answer(script, ifNoneMatch("\"x\", W/" + script.etag()));
        ApiResponse star = WebAssets.answer(script, ifNoneMatch("*"));
        ApiResponse other = WebAssets.answer(script, ifNoneMatch("\"0123456789abcdef\""));

        assertThat(first.status().code()).isEqualTo(200);
        assertThat(first.body()).isEqualTo(script.body());
        assertThat(first.headers()).containsEntry("etag", script.etag()).containsEntry("cache-control", "no-cache")
                .containsEntry("content-security-policy", WebAssets.CONTENT_SECURITY_POLICY)
                .containsEntry("x-content-type-options", "nosniff");
        assertThat(script.etag()).matches("\"[0-9a-f]{32}\"");
        assertThat(same.status().code()).isEqualTo(304);
        assertThat(same.body()).isEmpty();
        assertThat(weak.status().code()).isEqualTo(304);
        assertThat(star.status().code()).isEqualTo(304);
        assertThat(other.status().code()).isEqualTo(200);
    }

    @Test
    void aFileOfAnUnknownKindOrADirectoryWithoutAnIndexIsABrokenBuild() throws IOException {
        Files.writeString(dir.resolve("index.html"), "<!doctype html>");
        Files.writeString(Files.createDirectories(dir.resolve("ui")).resolve("notes.txt"), "x");
        Path empty = Files.createDirectories(dir.resolve("empty"));

        assertThatThrownBy(() -> WebAssets.of(dir)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the web page's file ui/notes.txt has no known content type");
        assertThatThrownBy(() -> WebAssets.of(empty)).isInstanceOf(IllegalStateException.class)
                .hasMessageEndingWith("holds no index.html: a broken build");
    }

    private static String text(String path) {
        return new String(PAGE.find(path).orElseThrow().body(), StandardCharsets.UTF_8);
    }

    private static HttpHeaders ifNoneMatch(String value) {
        return new DefaultHttpHeaders().add("If-None-Match", value);
    }
}
