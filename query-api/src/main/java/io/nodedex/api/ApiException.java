package io.nodedex.api;

import java.util.Objects;

/** Ends a request with an error answer: thrown by handlers and by request validation. */
final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    ApiException(ErrorCode code, String message) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.code = Objects.requireNonNull(code, "code");
    }

    ErrorCode code() {
        return code;
    }

    static ApiException notFound(String message) {
        return new ApiException(ErrorCode.NOT_FOUND, message);
    }
}
