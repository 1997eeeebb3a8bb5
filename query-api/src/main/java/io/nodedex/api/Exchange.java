package io.nodedex.api;

import io.nodedex.api.Route.Execution;
import io.nodedex.device.InvalidInputException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request ready to be answered: the metrics tags, where it runs, and the work. Requests
 * refused before routing (bad URI, no route, not ready) are exchanges whose work returns the
 * error at once.
 *
 * @param method the request method, for the metrics
 * @param route the route template, or {@link ApiMetrics#UNMATCHED}
 * @param execution where {@link #answer()} must run
 * @param closeAfter whether the connection is closed after the answer (the request could not be
 *     decoded, so the stream cannot be trusted)
 * @param work computes the answer; may throw {@link ApiException} or {@link InvalidInputException}
 */
record Exchange(String method, String route, Execution execution, boolean closeAfter, Supplier<ApiResponse> work) {

    private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);

    /** An exchange answered at once (a refusal, or a cached answer), on the event loop. */
    static Exchange immediate(String method, String route, ApiResponse response, boolean closeAfter) {
        return new Exchange(method, route, Execution.EVENT_LOOP, closeAfter, () -> response);
    }

    /** Runs the work; every failure becomes an error answer that names it. */
    ApiResponse answer() {
        return run(method, route, work);
    }

    /** Runs {@code work}; every failure becomes an error answer that names it. */
    static ApiResponse run(String method, String route, Supplier<ApiResponse> work) {
        try {
            return work.get();
        } catch (ApiException e) {
            return ApiResponse.error(e.code(), e.getMessage());
        } catch (InvalidInputException e) {
            return ApiResponse.error(ErrorCode.BAD_REQUEST, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", method, route, e);
            return ApiResponse.error(ErrorCode.INTERNAL_ERROR, method + " " + route + " failed: " + e);
        }
    }
}
