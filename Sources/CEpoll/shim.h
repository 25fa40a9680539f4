#ifndef LEADS_SERVER_CEPOLL_SHIM_H
#define LEADS_SERVER_CEPOLL_SHIM_H
/* The Glibc module leaves out Linux's readiness and wake-up descriptors. */
#include <sys/epoll.h>
#include <sys/eventfd.h>
#endif
