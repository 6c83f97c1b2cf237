# Scripted, non-interactive gdb session for `make check` (scripts/gdb-smoke.sh).
# The guest starts halted; a hardware breakpoint (software ones cannot be
# planted before paging is on) stops in migrate_pages() when compaction
# calls it, and compaction's control block, passed as migrate_pages()'s
# private argument, tells where the two scanners are.
set pagination off
set confirm off
set print pretty off
hbreak migrate_pages if reason == MR_COMPACTION
continue
printf "CT-GDB zone=%s order=%d\n", ((struct compact_control *)private)->zone->name, ((struct compact_control *)private)->order
printf "CT-GDB migrate_pfn=%lu free_pfn=%lu\n", ((struct compact_control *)private)->migrate_pfn, ((struct compact_control *)private)->free_pfn
printf "CT-GDB nr_migratepages=%lu nr_freepages=%lu\n", ((struct compact_control *)private)->nr_migratepages, ((struct compact_control *)private)->nr_freepages
bt 6
delete
continue
