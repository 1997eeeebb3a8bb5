package io.nodedex.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A path template such as {@code /v1/hosts/{host}/devices/{name}}: literal segments and
 * whole-segment parameters. Immutable.
 */
final class RouteTemplate {

    /** A literal segment, or a parameter named {@code text}. */
    private record Segment(String text, boolean parameter) {
    }

    private final String text;
    private final List<Segment> segments;

    private RouteTemplate(String text, List<Segment> segments) {
        this.text = text;
        this.segments = segments;
    }

    static RouteTemplate parse(String text) {
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("a route template starts with /: " + text);
        }
        List<Segment> segments = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String segment : text.substring(1).split("/", -1)) {
            if (segment.startsWith("{") && segment.endsWith("}") && segment.length() > 2) {
                String name = segment.substring(1, segment.length() - 1);
                if (!names.add(name)) {
                    throw new IllegalArgumentException("parameter {" + name + "} twice in " + text);
                }
                segments.add(new Segment(name, true));
            } else if (segment.isEmpty() || segment.contains("{") || segment.contains("}")) {
                throw new IllegalArgumentException("bad segment '" + segment + "' in route template " + text);
            } else {
                segments.add(new Segment(segment, false));
            }
        }
        return new RouteTemplate(text, List.copyOf(segments));
    }

    /** The path parameters bound by the decoded path {@code segments}, when they match. */
    Optional<Map<String, String>> match(List<String> path) {
        if (path.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> bound = new HashMap<>(4);
        for (int i = 0; i < path.size(); i++) {
            Segment segment = segments.get(i);
            String value = path.get(i);
            if (segment.parameter()) {
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                bound.put(segment.text(), value);
            } else if (!segment.text().equals(value)) {
                return Optional.empty();
            }
        }
        return Optional.of(bound);
    }

    /** The names of the path parameters, in path order. */
    List<String> parameterNames() {
        return segments.stream().filter(Segment::parameter).map(Segment::text).toList();
    }

    @Override
    public String toString() {
        return text;
    }
}
