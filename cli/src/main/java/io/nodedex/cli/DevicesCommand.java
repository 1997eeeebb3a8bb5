package io.nodedex.cli;

import io.nodedex.json.DeviceJson;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code nodedex devices}: prints one host's normalised devices as a JSON array. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "Print the normalised devices of one host as JSON, sorted by natural name order.")
final class DevicesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DeviceSourceOptions source;

    @Override
    public Integer call() {
        JsonOutput.print(spec.commandLine().getOut(), DeviceJson.toJson(source.read()));
        return ExitCodes.OK;
    }
}
