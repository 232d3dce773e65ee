#!/bin/sh
# Entry point of the Discord StatefulSet: maps the pod's ordinal to the Discord shards it runs.
# Pod parley-discord-N runs shards N*P .. N*P+P-1, where P (shards per pod) is the first argument.
# Keep DISCORD_SHARD_TOTAL = replicas * P; Parley refuses shard ids outside DISCORD_SHARD_TOTAL.
# Usage: discord-shard-entrypoint.sh SHARDS_PER_POD [path of parley.jar]
set -eu
per_pod="${1:?usage: discord-shard-entrypoint.sh SHARDS_PER_POD [parley.jar]}"
jar="${2:-/app/parley.jar}"
ordinal="${HOSTNAME##*-}"
case "$ordinal" in
  '' | *[!0-9]*) echo "cannot read a StatefulSet ordinal from HOSTNAME=$HOSTNAME" >&2; exit 1 ;;
esac
first=$((ordinal * per_pod))
last=$((first + per_pod - 1))
DISCORD_SHARD_IDS="$first-$last"
export DISCORD_SHARD_IDS
echo "pod ordinal $ordinal runs Discord shards $DISCORD_SHARD_IDS of ${DISCORD_SHARD_TOTAL:-1}" >&2
# exec: the JVM replaces the shell and receives SIGTERM itself.
if [ -f "$jar" ]; then
  exec java -jar "$jar"
fi
# An image built by Jib has no fat jar; it records its classpath and main class instead.
exec java -cp @/app/jib-classpath-file "$(cat /app/jib-main-class-file)"
