#!/usr/bin/env bash
# Nightly backup of Prongsai: the database in pg_dump's custom format and the uploaded media.
# Run by deploy/systemd/prongsai-backup.service as the postgres user (docs/operations.md, "Backup").
#
# Settings (environment, e.g. /etc/prongsai/backup.env):
#   PRONGSAI_DB          database name                   (default: prongsai)
#   PRONGSAI_MEDIA_ROOT  uploaded files                  (default: /var/lib/prongsai/media)
#   BACKUP_DIR           where backups are kept          (default: /var/backups/prongsai)
#   BACKUP_KEEP_DAYS     database dumps kept this long   (default: 30)
#   BACKUP_REMOTE        optional rsync target for an off-site copy, e.g. backup@nas.example:prongsai/
set -euo pipefail

db="${PRONGSAI_DB:-prongsai}"
media="${PRONGSAI_MEDIA_ROOT:-/var/lib/prongsai/media}"
dir="${BACKUP_DIR:-/var/backups/prongsai}"
keep="${BACKUP_KEEP_DAYS:-30}"
stamp="$(date +%Y%m%d-%H%M%S)"

umask 077
mkdir -p "$dir/db" "$dir/media"

# Custom format: compressed, restorable table by table with pg_restore, consistent snapshot.
pg_dump --format=custom --compress=6 --no-owner --file="$dir/db/$db-$stamp.dump.partial" "$db"
mv "$dir/db/$db-$stamp.dump.partial" "$dir/db/$db-$stamp.dump"
pg_restore --list "$dir/db/$db-$stamp.dump" >/dev/null  # the archive is readable

# Media: an rsync mirror; files are only ever added or replaced, so a mirror is enough here,
# and the off-site copy below keeps history if the target keeps snapshots.
rsync -a --delete "$media/" "$dir/media/"

find "$dir/db" -name "$db-*.dump" -mtime +"$keep" -delete

if [ -n "${BACKUP_REMOTE:-}" ]; then
  rsync -a --delete "$dir/" "$BACKUP_REMOTE"
fi
echo "prongsai backup: $dir/db/$db-$stamp.dump and $dir/media/"
