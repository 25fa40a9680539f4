#ifndef LEADS_SERVER_CSQLITE_SHIM_H
#define LEADS_SERVER_CSQLITE_SHIM_H
#include <sqlite3.h>
#endif
