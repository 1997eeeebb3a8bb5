package io.nodedex.device.xml;

import io.nodedex.device.InvalidInputException;
import java.util.Optional;

/**
 * Where parsed XML came from, and which device is being read, so that every error names both
 * and the line and column of the offending element.
 */
record ParseContext(String origin, Optional<String> deviceName) {

    static ParseContext of(String origin) {
        return new ParseContext(origin, Optional.empty());
    }

    ParseContext forDevice(String name) {
        return new ParseContext(origin, Optional.of(name));
    }

    InvalidInputException error(XmlElement at, String problem) {
        return new InvalidInputException(prefix(at) + problem);
    }

    InvalidInputException error(XmlElement at, String problem, Throwable cause) {
        return new InvalidInputException(prefix(at) + problem, cause);
    }

    private String prefix(XmlElement at) {
        String device = deviceName.map(n -> ": device '" + n + "'").orElse("");
        return origin + device + ": line " + at.line() + ", column " + at.column() + ": ";
    }
}
