package io.nodedex.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.nodedex.device.InvalidInputException;
import io.nodedex.device.Wwn;
import io.nodedex.event.Payload;
import io.nodedex.event.VhbaDeleteRequested;
import io.nodedex.event.VhbaRequestId;
import io.nodedex.event.VhbaRequested;
import io.nodedex.indexer.IndexReader;
import io.nodedex.indexer.Page;
import io.nodedex.indexer.VhbaRequestState;
import io.nodedex.indexer.VhbaRequests;
import io.nodedex.npiv.NpivRequest;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The write routes and what they wrote (docs/design.md, "Decisions are events"):
 *
 * <ul>
 *   <li>{@code POST /v1/vhbas[?wait=30s]} (admin): a JSON body {@code host}, at most one
 *       criterion as {@code GET /v1/npiv/parent} takes it, {@code policy}, {@code wwnn},
 *       {@code wwpn}, {@code requestId}; unknown fields are refused. Publishes the request, then
 *       waits for the replica's fold: 201 with the vHBA once it is indexed, 202 with the request's
 *       status URL when {@code wait} ran out, 404/409 with the resolver's answer when refused, 502
 *       when the host failed and 504 when it did not answer in time. The same request id again
 *       answers the same, and publishes nothing new; with another body it is a 409.
 *   <li>{@code DELETE /v1/vhbas/{host}/{name}[?requestId=..&wait=30s]} (admin): 200 once the vHBA
 *       is destroyed, 202, 404 (no such device), 409 (not a vHBA).
 *   <li>{@code GET /v1/vhba-requests/{requestId}[?host=..]} (read): the request as decided.
 *   <li>{@code GET /v1/vhba-requests[?limit=..&cursor=..]} (read): the audit of requests, those
 *       that failed or expired and those open longer than the timeout, a page at a time.
 * </ul>
 */
final class VhbaRoutes {

    static final String WAIT = "wait";
    static final String HOST = "host";
    static final String REQUEST_ID = "requestId";
    private static final String AUDIT = "/v1/vhba-requests";
    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);
    private static final Duration MAX_WAIT = Duration.ofMinutes(10);
    private static final long POLL_MILLIS = 50;
    private static final ObjectMapper BODY = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfigDefaults(config -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private final IndexReader reader;
    private final VhbaWrites writes;

    VhbaRoutes(IndexReader reader, VhbaWrites writes) {
        this.reader = reader;
        this.writes = writes;
    }

    List<Route> routes() {
        return List.of(
                Route.write(HttpMethod.POST, "/v1/vhbas", Role.ADMIN, this::create, WAIT),
                Route.write(HttpMethod.DELETE, "/v1/vhbas/{host}/{name}", Role.ADMIN, this::delete, WAIT, REQUEST_ID),
                Route.get("/v1/vhba-requests/{requestId}", Route.Execution.EVENT_LOOP, Route.Access.DATA, Role.READ,
                        this::request, HOST),
                Route.get(AUDIT, Route.Execution.EXECUTOR, Route.Access.DATA, Role.READ, this::audit, Paging.LIMIT,
                        Paging.CURSOR));
    }

    /** The body of {@code POST /v1/vhbas}: every field a string, absent ones null. */
    record CreateBody(String host, String parent, String parentWwnn, String parentWwpn, String parentFabricWwn,
            String policy, String wwnn, String wwpn, String requestId) {
    }

    private ApiResponse create(ApiRequest request) {
        Duration wait = waitOf(request);
        CreateBody body = parse(request.body());
        if (body.requestId() == null) {
            throw new InvalidInputException("missing field requestId: choose an id for the request, so that sending"
                    + " it again cannot create a second vHBA");
        }
        NpivRequest npiv = NpivRequest.of(Optional.ofNullable(body.host()), Optional.ofNullable(body.parent()),
                Optional.ofNullable(body.parentWwnn()), Optional.ofNullable(body.parentWwpn()),
                Optional.ofNullable(body.parentFabricWwn()), Optional.ofNullable(body.policy()));
        VhbaRequested requested = new VhbaRequested(VhbaRequestId.check(body.requestId()), npiv.criteria(),
                npiv.policy(), wwn("wwnn", body.wwnn()), wwn("wwpn", body.wwpn()));
        publishUnlessKnown(npiv.host(), requested.requestId(), VhbaRequestState.describe(requested), requested);
        return await(npiv.host(), requested.requestId(), wait);
    }

    private ApiResponse delete(ApiRequest request) {
        Duration wait = waitOf(request);
        String host = request.path("host");
        String name = request.path("name");
        String requestId = VhbaRequestId.check(request.query(REQUEST_ID).orElseGet(() -> "delete-" + UUID.randomUUID()));
        VhbaDeleteRequested delete = new VhbaDeleteRequested(requestId, name);
        publishUnlessKnown(host, requestId, VhbaRequestState.describe(delete), delete);
        return await(host, requestId, wait);
    }

    /** Publishes the request, unless this replica already folded one with its id (then it must be the same). */
    private void publishUnlessKnown(String host, String requestId, String text, Payload payload) {
        VhbaPublisher publisher = writes.publisher().orElseThrow(() -> new ApiException(ErrorCode.WRITES_DISABLED,
                "this server takes no vHBA requests: start it with a command key (--command-key FILE)"));
        if (reader.host(host).isEmpty()) {
            throw HostRoutes.unknownHost(host);
        }
        for (VhbaRequestState known : requests().byId(requestId)) {
            if (!known.hostId().equals(host)) {
                throw new ApiException(ErrorCode.CONFLICT, "request id " + requestId + " is already used for host "
                        + known.hostId() + "; choose another id");
            }
            if (!known.request().equals(text)) {
                throw new ApiException(ErrorCode.CONFLICT, "request id " + requestId + " is already used for another"
                        + " request (" + known.request() + "), not " + text + "; choose another id");
            }
            return;
        }
        publisher.event(host, payload);
    }

    /** Waits until the request is decided and, if created, indexed; or until {@code wait} ran out. */
    private ApiResponse await(String host, String requestId, Duration wait) {
        Instant deadline = writes.clock().instant().plus(wait);
        while (true) {
            Optional<VhbaRequestState> state = requests().byId(requestId, host);
            if (state.isPresent()) {
                Optional<ApiResponse> answer = answer(state.get());
                if (answer.isPresent()) {
                    return answer.get();
                }
            }
            if (!writes.clock().instant().isBefore(deadline)) {
                return accepted(host, requestId, state);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return accepted(host, requestId, state);
            }
        }
    }

    /** The final answer to a request in this state, or empty while it is not final. */
    private Optional<ApiResponse> answer(VhbaRequestState state) {
        return switch (state.state()) {
            case RESERVED, DELETING -> Optional.empty();
            case CREATED -> isIndexed(state)
                    ? Optional.of(ApiResponse.json(HttpResponseStatus.CREATED, VhbaJson.created(state)))
                    : Optional.empty();
            case DELETED -> Optional.of(ApiResponse.ok(VhbaJson.request(state)));
            case NOT_FOUND -> Optional.of(refused(HttpResponseStatus.NOT_FOUND, state));
            case CONFLICT -> Optional.of(refused(HttpResponseStatus.CONFLICT, state));
            case FAILED -> Optional.of(ApiResponse.json(HttpResponseStatus.BAD_GATEWAY, VhbaJson.request(state)));
            case EXPIRED -> Optional.of(ApiResponse.json(HttpResponseStatus.GATEWAY_TIMEOUT, VhbaJson.request(state)));
        };
    }

    private static ApiResponse refused(HttpResponseStatus status, VhbaRequestState state) {
        return state.kind() == VhbaRequestState.Kind.CREATE
                ? ApiResponse.json(status, VhbaJson.refused(state))
                : ApiResponse.error(status == HttpResponseStatus.CONFLICT ? ErrorCode.CONFLICT : ErrorCode.NOT_FOUND,
                        state.reason());
    }

    private boolean isIndexed(VhbaRequestState state) {
        return reader.devicesByWwpn(state.wwpn().orElseThrow()).stream()
                .anyMatch(device -> device.hostId().equals(state.hostId()));
    }

    private static ApiResponse accepted(String host, String requestId, Optional<VhbaRequestState> state) {
        String status = "/v1/vhba-requests/" + requestId + "?host=" + host;
        var body = state.map(VhbaJson::request).orElseGet(() -> Json.object().put("requestId", requestId)
                .put("host", host).put("state", "requested"));
        body.put("status", status);
        return new ApiResponse(HttpResponseStatus.ACCEPTED, ApiResponse.JSON, Json.bytes(body),
                Map.of("Location", status));
    }

    private ApiResponse request(ApiRequest request) {
        String requestId = request.path("requestId");
        Optional<String> host = request.nonBlankQuery(HOST);
        List<VhbaRequestState> found = host.map(h -> requests().byId(requestId, h).stream().toList())
                .orElseGet(() -> requests().byId(requestId));
        if (found.isEmpty()) {
            throw new ApiException(ErrorCode.NOT_FOUND, "no vHBA request " + requestId
                    + host.map(h -> " for host " + h).orElse(""));
        }
        if (found.size() > 1) {
            throw new ApiException(ErrorCode.CONFLICT, "request id " + requestId + " was used for several hosts ("
                    + String.join(", ", found.stream().map(VhbaRequestState::hostId).toList()) + "): add ?host=");
        }
        return ApiResponse.ok(VhbaJson.request(found.get(0)));
    }

    /**
     * A page of the audit: at most {@code limit} requests of both lists together, in the order of
     * request id then host id, read from the indexer's table a page at a time. A created request
     * whose vHBA the replica has indexed meanwhile is left out, so a page may hold fewer.
     */
    private ApiResponse audit(ApiRequest request) {
        Paging paging = Paging.of(request, AUDIT, Map.of());
        Instant overdueBefore = writes.clock().instant().minus(writes.timeout());
        Page<VhbaRequestState> page = requests().audit(overdueBefore, paging.page());
        var body = Json.object();
        var overdue = body.putArray("overdue");
        var unsuccessful = body.putArray("unsuccessful");
        for (VhbaRequestState state : page.items()) {
            if (state.state() == VhbaRequestState.State.FAILED || state.state() == VhbaRequestState.State.EXPIRED) {
                unsuccessful.add(VhbaJson.request(state));
            } else if (state.state().pending() || !isIndexed(state)) {
                overdue.add(VhbaJson.request(state));
            }
        }
        body.put("timeoutSeconds", writes.timeout().toSeconds());
        return ApiResponse.ok(paging.withNext(body, page));
    }

    private VhbaRequests requests() {
        return writes.requests().orElseThrow(() -> new ApiException(ErrorCode.WRITES_DISABLED,
                "this server was built over a reader alone and knows no vHBA requests"));
    }

    private static Duration waitOf(ApiRequest request) {
        Optional<String> text = request.nonBlankQuery(WAIT);
        if (text.isEmpty()) {
            return DEFAULT_WAIT;
        }
        Duration wait;
        try {
            String value = text.get().trim();
            wait = value.endsWith("ms") ? Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)))
                    : value.endsWith("s") ? Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)))
                    : Duration.ofSeconds(Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw new InvalidInputException("query parameter wait: '" + text.get() + "' is not a duration such as"
                    + " 30s, 500ms or 30");
        }
        if (wait.isNegative() || wait.compareTo(MAX_WAIT) > 0) {
            throw new InvalidInputException("query parameter wait: " + text.get() + " is not between 0 s and "
                    + MAX_WAIT.toMinutes() + " min");
        }
        return wait;
    }

    private static CreateBody parse(byte[] body) {
        if (body.length == 0) {
            throw new InvalidInputException("the request needs a JSON body: {\"host\": ..., \"requestId\": ...}");
        }
        try {
            CreateBody parsed = BODY.readValue(body, CreateBody.class);
            if (parsed == null) {
                throw new InvalidInputException("the body is JSON null, not an object");
            }
            return parsed;
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidInputException("unknown field '" + e.getPropertyName() + "' in the body; the fields are"
                    + " host, parent, parentWwnn, parentWwpn, parentFabricWwn, policy, wwnn, wwpn, requestId");
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("the body is not the JSON object expected: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidInputException("the body cannot be read: " + e.getMessage());
        }
    }

    private static Optional<Wwn> wwn(String field, String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Wwn.parse(text));
        } catch (InvalidInputException e) {
            throw new InvalidInputException("field " + field + ": " + e.getMessage(), e);
        }
    }
}
