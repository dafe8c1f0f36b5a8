/* clock.h - wall-clock and CPU seconds, for timings in messages
 * SPDX-License-Identifier: MIT
 */
#ifndef TKG_CORE_CLOCK_H
#define TKG_CORE_CLOCK_H

/** Monotonic seconds. */
double tkgp_now(void);

/** CPU seconds used by the process (speed on a busy machine). */
double tkgp_cpu_now(void);

#endif
