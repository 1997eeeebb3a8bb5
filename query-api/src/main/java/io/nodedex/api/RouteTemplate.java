package io.nodedex.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A path template such as {@code /v1/hosts/{host}/devices/{name}}: literal segments and
 * whole-segment parameters. Immutable.
 */
final class RouteTemplate {

    private final String text;
    /** Per segment: the literal, or null for a parameter (whose name is in {@link #parameters}). */
    private final List<String> literals;
    private final List<String> parameters;

    private RouteTemplate(String text, List<String> literals, List<String> parameters) {
        this.text = text;
        this.literals = literals;
        this.parameters = parameters;
    }

    static RouteTemplate parse(String text) {
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("a route template starts with /: " + text);
        }
        List<String> literals = new ArrayList<>();
        List<String> parameters = new ArrayList<>();
        for (String segment : text.substring(1).split("/", -1)) {
            if (segment.startsWith("{") && segment.endsWith("}") && segment.length() > 2) {
                String name = segment.substring(1, segment.length() - 1);
                if (parameters.contains(name)) {
                    throw new IllegalArgumentException("parameter {" + name + "} twice in " + text);
                }
                literals.add(null);
                parameters.add(name);
            } else if (segment.isEmpty() || segment.contains("{") || segment.contains("}")) {
                throw new IllegalArgumentException("bad segment '" + segment + "' in route template " + text);
            } else {
                literals.add(segment);
                parameters.add(null);
            }
        }
        return new RouteTemplate(text, List.copyOf(literals), java.util.Collections.unmodifiableList(parameters));
    }

    /** The path parameters bound by the decoded {@code segments}, when they match. */
    Optional<Map<String, String>> match(List<String> segments) {
        if (segments.size() != literals.size()) {
            return Optional.empty();
        }
        Map<String, String> bound = new HashMap<>(4);
        for (int i = 0; i < segments.size(); i++) {
            String literal = literals.get(i);
            String segment = segments.get(i);
            if (literal == null) {
                if (segment.isEmpty()) {
                    return Optional.empty();
                }
                bound.put(parameters.get(i), segment);
            } else if (!literal.equals(segment)) {
                return Optional.empty();
            }
        }
        return Optional.of(bound);
    }

    /** The names of the path parameters, in path order. */
    List<String> parameterNames() {
        return parameters.stream().filter(java.util.Objects::nonNull).toList();
    }

    @Override
    public String toString() {
        return text;
    }
}
