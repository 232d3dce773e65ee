# Sourced by ./mvnw and ./parley. Parley targets Java 21; machines often default to an older JDK
# (17 here). When JAVA_HOME is unset or too old, pick the newest JDK of at least 21 from the usual
# install places, and export it as JAVA_HOME.
parley_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}

parley_select_jdk() {
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(parley_java_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
    return 0
  fi
  parley_best="" parley_best_major=0
  case $- in *f*) parley_noglob=1; set +f ;; *) parley_noglob=0 ;; esac
  for parley_candidate in /usr/lib/jvm/* /opt/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$parley_candidate/bin/javac" ] || continue
    parley_major="$(parley_java_major "$parley_candidate")"
    if [ -n "$parley_major" ] && [ "$parley_major" -ge 21 ] && [ "$parley_major" -gt "$parley_best_major" ]; then
      parley_best="$parley_candidate" parley_best_major="$parley_major"
    fi
  done
  [ "$parley_noglob" = 1 ] && set -f
  if [ -z "$parley_best" ]; then
    echo "Parley needs a JDK of at least 21: install one, or set JAVA_HOME to one." >&2
    return 1
  fi
  JAVA_HOME="$parley_best"
  export JAVA_HOME
}
