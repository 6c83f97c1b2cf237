# Scripted, non-interactive gdb session for `make check` (scripts/gdb-smoke.sh).
# The guest starts halted; a hardware breakpoint (software ones cannot be
# planted before paging is on) stops in migrate_pages() when compaction
# calls it, and the run (struct compact_run, passed as migrate_pages()'s
# private argument) tells through its control block where the two
# scanners are.
set pagination off
set confirm off
set print pretty off
hbreak migrate_pages if reason == MR_COMPACTION
continue
printf "CT-GDB zone=%s order=%d\n", ((struct compact_run *)private)->cc.zone->name, ((struct compact_run *)private)->cc.order
printf "CT-GDB migrate_pfn=%lu free_pfn=%lu\n", ((struct compact_run *)private)->cc.migrate_pfn, ((struct compact_run *)private)->cc.free_pfn
printf "CT-GDB nr_migratepages=%lu nr_freepages=%lu\n", ((struct compact_run *)private)->cc.nr_migratepages, ((struct compact_run *)private)->cc.nr_freepages
bt 6
delete
continue
