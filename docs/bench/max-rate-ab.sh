#!/bin/bash
# usage: abrun2.sh TAG REPO "JAVA_OPTS" [extra args...]  -> one fresh-folder 20-s max-rate run from REPO
tag=$1; repo=$2; opts=$3; shift 3
d=/tmp/ab-dir-$tag; rm -rf $d
cd $repo
FLOWDECK_JAVA_OPTS="$opts" timeout 150 ./flowdeck --headless --max-rate --duration 20s --data-dir $d "$@" > /tmp/ab-$tag.out 2>/tmp/ab-$tag.err
echo "$tag $(python3 -c "import json;d=json.loads(open('/tmp/ab-$tag.out').read().strip().splitlines()[-1]);print(d['rows_per_s'],d['lost'],d['duplicated'])" 2>/dev/null) | $(grep -o "t= *[0-9]*s written=[0-9]* ([0-9]*/s)" /tmp/ab-$tag.err | awk '{print $4}' | tr '\n' ' ') load=$(cut -d' ' -f1 /proc/loadavg)"
rm -rf $d
