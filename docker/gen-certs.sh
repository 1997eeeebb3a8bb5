#!/bin/sh
# The TLS material of a nodedex deployment: a CA of its own, a key store per Kafka broker, the
# Kafka client identity that nodedex's processes share, and an HTTPS certificate per API replica.
# docker/compose.yaml runs it in its one-shot `certs` service; on other machines run it where
# openssl and keytool (any JRE) exist, then copy each directory to the machine that needs it.
#
#   gen-certs.sh DIR
#
# Writes, for BROKERS="kafka-1 kafka-2 kafka-3" and SERVERS="serve-1 serve-2" (override either in
# the environment; every name is also the certificate's DNS name):
#   DIR/ca/ca.key, ca.crt           the CA (keep ca.key here and nowhere else)
#   DIR/kafka-N/                    what apache/kafka reads in /etc/kafka/secrets: kafka.keystore.p12
#                                   (the broker's key and certificate), truststore.p12 (the CA),
#                                   keystore.creds and truststore.creds (their passwords), and
#                                   healthcheck.properties (client settings to probe the broker)
#   DIR/client/                     the clients' identity: keystore.p12, truststore.p12, ca.crt and
#                                   client.properties, the file for `nodedex ... --kafka-config`;
#                                   its paths name CLIENT_DIR (default DIR/client), where the
#                                   directory is found by the processes that read it
#   DIR/serve-N/tls.crt, tls.key    the API replica's HTTPS certificate (DNS serve-N and localhost,
#                                   IP 127.0.0.1) and key (PEM, PKCS#8), for `serve --tls-cert/--tls-key`
#
# Every certificate is signed by the CA, valid DAYS (default 825) days, with an EC P-256 key; the
# brokers' and the client's serve both TLS ends (Kafka asks clients for a certificate). Run again,
# it keeps whatever exists and makes only what is missing (a new broker, a new replica). Run as
# root, it gives each directory to its reader: KAFKA_UID (default 1000, apache/kafka's appuser)
# for the brokers', NODEDEX_UID (default 10001, the nodedex image's user) for the others.
set -eu
[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
mkdir -p "$1"
dir=$(cd "$1" && pwd)
brokers=${BROKERS:-kafka-1 kafka-2 kafka-3}
servers=${SERVERS:-serve-1 serve-2}
client_dir=${CLIENT_DIR:-$dir/client}
days=${DAYS:-825}
umask 077

say() { echo "gen-certs: $*" >&2; }
password() { openssl rand -hex 24; }

# leaf NAME SAN OUT_PREFIX: a key and a certificate signed by the CA
leaf() {
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$3.key" 2>/dev/null
    openssl req -new -key "$3.key" -subj "/CN=$1" -out "$3.csr"
    cat > "$3.ext" <<EXT
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth, clientAuth
subjectAltName = $2
EXT
    openssl x509 -req -in "$3.csr" -CA "$dir/ca/ca.crt" -CAkey "$dir/ca/ca.key" -set_serial "0x$(openssl rand -hex 16)" \
        -days "$days" -sha256 -extfile "$3.ext" -out "$3.crt" 2>/dev/null
    rm -f "$3.csr" "$3.ext"
}

# stores NAME SAN DIR KEYSTORE: a PKCS#12 key store (key, certificate, CA) and trust store, and
# the password of each in KEYSTORE.creds-style files
stores() {
    leaf "$1" "$2" "$3/leaf"
    pass=$(password)
    openssl pkcs12 -export -name "$1" -inkey "$3/leaf.key" -in "$3/leaf.crt" -certfile "$dir/ca/ca.crt" \
        -passout "pass:$pass" -out "$3/$4"
    printf '%s' "$pass" > "$3/keystore.creds"
    trust=$(password)
    keytool -importcert -noprompt -alias nodedex-ca -file "$dir/ca/ca.crt" -keystore "$3/truststore.p12" \
        -storetype PKCS12 -storepass "$trust" >/dev/null 2>&1
    printf '%s' "$trust" > "$3/truststore.creds"
    rm -f "$3/leaf.key" "$3/leaf.crt"
}

# properties LOCATION KEYSTORE DIR: the Kafka client settings of the stores in DIR, found at LOCATION
properties() {
    cat <<PROPS
security.protocol=SSL
ssl.keystore.type=PKCS12
ssl.keystore.location=$1/$2
ssl.keystore.password=$(cat "$3/keystore.creds")
ssl.key.password=$(cat "$3/keystore.creds")
ssl.truststore.type=PKCS12
ssl.truststore.location=$1/truststore.p12
ssl.truststore.password=$(cat "$3/truststore.creds")
PROPS
}

give() {
    if [ "$(id -u)" -eq 0 ]; then
        chown -R "$2:$2" "$1"
    fi
}

mkdir -p "$dir/ca"
if [ ! -s "$dir/ca/ca.crt" ]; then
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$dir/ca/ca.key" 2>/dev/null
    openssl req -x509 -new -key "$dir/ca/ca.key" -subj "/CN=nodedex deployment CA" -days 3650 -sha256 \
        -addext "basicConstraints = critical, CA:TRUE" -addext "keyUsage = critical, keyCertSign, cRLSign" \
        -out "$dir/ca/ca.crt"
    say "CA made: $dir/ca/ca.crt"
fi

for broker in $brokers; do
    out="$dir/$broker"
    mkdir -p "$out"
    if [ ! -s "$out/kafka.keystore.p12" ]; then
        stores "$broker" "DNS:$broker, DNS:localhost" "$out" kafka.keystore.p12
        properties /etc/kafka/secrets kafka.keystore.p12 "$out" > "$out/healthcheck.properties"
        say "broker $broker: $out"
    fi
    give "$out" "${KAFKA_UID:-1000}"
done

out="$dir/client"
mkdir -p "$out"
if [ ! -s "$out/keystore.p12" ]; then
    stores nodedex "DNS:nodedex" "$out" keystore.p12
    properties "$client_dir" keystore.p12 "$out" > "$out/client.properties"
    cp "$dir/ca/ca.crt" "$out/ca.crt"
    say "Kafka client: $out/client.properties"
fi
give "$out" "${NODEDEX_UID:-10001}"

for server in $servers; do
    out="$dir/$server"
    mkdir -p "$out"
    if [ ! -s "$out/tls.crt" ]; then
        leaf "$server" "DNS:$server, DNS:localhost, IP:127.0.0.1" "$out/tls"
        cp "$dir/ca/ca.crt" "$out/ca.crt"
        say "API replica $server: $out/tls.crt"
    fi
    give "$out" "${NODEDEX_UID:-10001}"
done
