package io.nodedex.api;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.nodedex.api.Route.Access;
import io.nodedex.api.Route.Execution;
import io.nodedex.device.Device;
import io.nodedex.indexer.IndexReader;
import io.nodedex.json.NpivJson;
import io.nodedex.npiv.NpivAnswer;
import io.nodedex.npiv.NpivRequest;
import io.nodedex.npiv.NpivResolver;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /v1/npiv/parent?host=..[&parent=..|&parentWwnn=..&parentWwpn=..|&parentFabricWwn=..][&policy=..]}:
 * the NPIV parent for a new vHBA, resolved over the host's devices by {@link NpivResolver} and
 * printed by {@link NpivJson} (the offline CLI's shape). Status by outcome: 200 found, 404 no
 * candidate accepted (with the candidates and why), 409 the named parent is not vport capable;
 * a malformed request is a 400, an unknown host a 404, both with the error shape. With
 * {@code asOf} ({@link AsOf}) the same resolver runs over the host's devices as they were then,
 * and the answer carries {@code "asOf"}.
 */
final class NpivRoute {

    private final IndexReader reader;
    private final AsOf asOf;

    NpivRoute(IndexReader reader, AsOf asOf) {
        this.reader = reader;
        this.asOf = asOf;
    }

    List<Route> routes() {
        return List.of(Route.get("/v1/npiv/parent", Execution.EVENT_LOOP, Access.DATA, Role.READ, this::parent,
                NpivRequest.HOST, NpivRequest.PARENT, NpivRequest.PARENT_WWNN, NpivRequest.PARENT_WWPN,
                NpivRequest.PARENT_FABRIC_WWN, NpivRequest.POLICY, AsOf.PARAMETER));
    }

    private ApiResponse parent(ApiRequest request) {
        NpivRequest npiv = NpivRequest.of(request.query(NpivRequest.HOST), request.query(NpivRequest.PARENT),
                request.query(NpivRequest.PARENT_WWNN), request.query(NpivRequest.PARENT_WWPN),
                request.query(NpivRequest.PARENT_FABRIC_WWN), request.query(NpivRequest.POLICY));
        Optional<Instant> time = asOf.of(request);
        List<Device> devices = HostRoutes.devicesOf(reader, npiv.host(), time);
        NpivAnswer answer = NpivResolver.resolve(npiv, devices);
        ObjectNode body = NpivJson.toJson(answer);
        time.ifPresent(then -> body.put(AsOf.PARAMETER, then.toString()));
        return ApiResponse.json(status(answer.outcome()), body);
    }

    private static HttpResponseStatus status(NpivAnswer.Outcome outcome) {
        if (outcome == NpivAnswer.Outcome.FOUND) {
            return HttpResponseStatus.OK;
        }
        return outcome == NpivAnswer.Outcome.CONFLICT ? HttpResponseStatus.CONFLICT : HttpResponseStatus.NOT_FOUND;
    }
}
