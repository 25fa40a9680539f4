#ifndef LEADS_SERVER_CSQLITE_SHIM_H
#define LEADS_SERVER_CSQLITE_SHIM_H
#include <sqlite3.h>

/* sqlite3_db_config is variadic, which Swift cannot call. Turning off double-quoted string
   literals makes a misspelt "column" an error instead of a silent string constant. */
static inline int leads_sqlite3_disable_double_quoted_strings(sqlite3 *db) {
    int result = sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DML, 0, (int *)0);
    if (result != SQLITE_OK) {
        return result;
    }
    return sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DDL, 0, (int *)0);
}

/* Reads a 32-bit counter that another thread or process updates in shared memory, with
   acquire ordering so what was committed before the counter moved is visible after. */
static inline unsigned int leads_load_shared_counter(const void *address) {
    return __atomic_load_n((const unsigned int *)address, __ATOMIC_ACQUIRE);
}
#endif
