package io.nodedex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * A client command over a list route of the API, which answers in pages: it asks for pages of
 * {@code --page-size} items and follows each answer's {@code next} cursor until the list ends, or
 * until it holds {@code --limit} items, then prints them as one answer: the last page's answer
 * with the list holding every item read and no {@code next}, the shape of an answer that fits in
 * one page. An error answer on any page is printed instead, as it is.
 */
abstract class ListCommand extends ClientCommand {

    /** The most items the API returns in one answer. */
    static final int MAX_PAGE_SIZE = 5000;
    private static final String LIMIT = "limit";
    private static final String CURSOR = "cursor";
    private static final String NEXT = "next";

    @Option(names = "--limit", paramLabel = "N", description = "Stop after N items (default: every item).")
    Optional<Integer> limit;

    @Option(names = "--page-size", paramLabel = "N", defaultValue = "500",
            description = "Items asked for per request, 1 to " + MAX_PAGE_SIZE + " (default: ${DEFAULT-VALUE}).")
    int pageSize;

    /** The field of the answer that holds the list, e.g. {@code hosts}. */
    abstract String listField();

    @Override
    ApiClient.Answer ask(ApiClient client) {
        int most = checkedLimit();
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new ParameterException(spec.commandLine(), "--page-size must be 1 to " + MAX_PAGE_SIZE + ", not "
                    + pageSize);
        }
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        Optional<String> cursor = Optional.empty();
        ObjectNode first = null; // its fields besides the list and next stand for the whole answer
        while (true) {
            Map<String, String> query = new LinkedHashMap<>(query());
            query.put(LIMIT, Integer.toString(Math.min(pageSize, most - items.size())));
            cursor.ifPresent(next -> query.put(CURSOR, next));
            ApiClient.Answer page = client.get(path(), query);
            if (page.exitCode() != ExitCodes.OK || !(page.body() instanceof ObjectNode body)) {
                return page;
            }
            if (first == null) {
                first = body;
            }
            body.path(listField()).forEach(items::add);
            JsonNode next = body.path(NEXT);
            if (!next.isTextual() || items.size() >= most) {
                ObjectNode whole = first.deepCopy();
                whole.set(listField(), items);
                whole.remove(NEXT);
                return new ApiClient.Answer(page.status(), whole);
            }
            cursor = Optional.of(next.asText());
        }
    }

    /** The most items to read: {@code --limit}, or no bound. */
    int checkedLimit() {
        if (limit.isPresent() && limit.get() < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be at least 1, not " + limit.get());
        }
        return limit.orElse(Integer.MAX_VALUE);
    }
}
