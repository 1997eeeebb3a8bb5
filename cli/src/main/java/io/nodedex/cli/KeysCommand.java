package io.nodedex.cli;

import io.nodedex.event.signing.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nodedex keys generate --private-key FILE --public-key FILE}: makes an Ed25519 key pair,
 * e.g. the administrators' key, whose public half every replica that checks signatures is given
 * ({@code --admin-public-key}). {@code openssl genpkey -algorithm ed25519} makes the same files.
 */
@Command(name = "keys", mixinStandardHelpOptions = true, subcommands = KeysCommand.Generate.class,
        description = "Make signing keys.")
final class KeysCommand {

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = {"Make an Ed25519 key pair (PEM): the private key readable by its owner only.",
                "The administrators' key signs enrolments, retirements and resets; give its public key to every"
                + " replica with --admin-public-key."})
    static final class Generate implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--private-key", paramLabel = "FILE", required = true,
                description = "Where to write the private key (PKCS#8 PEM); an existing file is never replaced.")
        Path privateKey;

        @Option(names = "--public-key", paramLabel = "FILE", required = true,
                description = "Where to write the public key (PEM).")
        Path publicKey;

        @Override
        public Integer call() {
            if (Files.exists(privateKey)) {
                spec.commandLine().getErr().println("nodedex: " + privateKey + " exists; a key file is never replaced");
                return ExitCodes.BAD_INPUT;
            }
            SigningKey key = SigningKey.generate();
            key.write(privateKey, publicKey);
            spec.commandLine().getOut().printf("wrote %s and %s (%s)%n", privateKey, publicKey,
                    key.publicKey().fingerprint());
            return ExitCodes.OK;
        }
    }
}
