/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Start-up time measured from outside the process: fork + exec a program,
 * then wait on the X server for its top-level window to be mapped and drawn
 * into (the DAMAGE extension reports the first drawing), and read the
 * process's peak resident memory (VmHWM) at that moment.
 *
 * usage: first-frame RUNS COMMAND [ARGUMENT…]
 * Prints one line: median and worst seconds, the median CPU seconds the
 * program had used by then, and its median peak RSS in MB.
 * Needs its own X display with nothing else starting on it (Xvfb): the first
 * top-level window created after the exec is taken to be the program's. */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <X11/Xlib.h>
#include <X11/extensions/Xdamage.h>

#define TIMEOUT_SECONDS 60.0

static double
now_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static long
peak_rss_kb (pid_t pid)
{
  char path[64], line[256];
  long kb = -1;
  FILE *file;

  snprintf (path, sizeof path, "/proc/%d/status", (int) pid);
  file = fopen (path, "r");
  if (file == NULL)
    return -1;
  while (fgets (line, sizeof line, file) != NULL)
    if (strncmp (line, "VmHWM:", 6) == 0)
      kb = strtol (line + 6, NULL, 10);
  fclose (file);
  return kb;
}

/* CPU seconds the process has used so far, summed over its threads: on a
 * shared, loaded machine this says what the wall clock cannot. Read from
 * each thread's schedstat (nanoseconds on a CPU) rather than /proc/PID/stat,
 * whose clock ticks of 10 ms are too coarse for a start-up of 100 ms.
 * Threads that have already ended are not counted. */
static double
cpu_seconds (pid_t pid)
{
  char path[96];
  unsigned long long total = 0;
  struct dirent *entry;
  DIR *tasks;

  snprintf (path, sizeof path, "/proc/%d/task", (int) pid);
  tasks = opendir (path);
  if (tasks == NULL)
    return -1;
  while ((entry = readdir (tasks)) != NULL)
    {
      unsigned long long on_cpu;
      FILE *file;

      if (entry->d_name[0] == '.')
        continue;
      snprintf (path, sizeof path, "/proc/%d/task/%.16s/schedstat", (int) pid, entry->d_name);
      file = fopen (path, "r");
      if (file == NULL)
        continue;
      if (fscanf (file, "%llu", &on_cpu) == 1)
        total += on_cpu;
      fclose (file);
    }
  closedir (tasks);
  return total / 1e9;
}

static void
stop_child (pid_t pid)
{
  int status;

  kill (pid, SIGTERM);
  for (int i = 0; i < 50; i++)
    {
      if (waitpid (pid, &status, WNOHANG) == pid)
        return;
      usleep (100000);
    }
  kill (pid, SIGKILL);
  waitpid (pid, &status, 0);
}

/* Waits for the next X event, or returns FALSE after @deadline. */
static int
next_event (Display *display,
            XEvent  *event,
            double   deadline)
{
  while (XPending (display) == 0)
    {
      int fd = ConnectionNumber (display);
      double left = deadline - now_seconds ();
      struct timeval timeout;
      fd_set fds;

      if (left <= 0)
        return 0;
      timeout.tv_sec = (time_t) left;
      timeout.tv_usec = (suseconds_t) ((left - timeout.tv_sec) * 1e6);
      FD_ZERO (&fds);
      FD_SET (fd, &fds);
      if (select (fd + 1, &fds, NULL, NULL, &timeout) < 0 && errno != EINTR)
        return 0;
    }
  XNextEvent (display, event);
  return 1;
}

/* One run: seconds from fork to the first drawing into the mapped top-level
 * window, or a negative number on failure. */
static double
measure_once (Display *display,
              int      damage_event_base,
              char   **argv,
              long    *rss_kb,
              double  *cpu)
{
  Window root = DefaultRootWindow (display);
  Window created[64];
  Window mapped = None;
  int n_created = 0;
  double start, deadline, result = -1;
  pid_t pid;
  XEvent event;

  XSelectInput (display, root, SubstructureNotifyMask);
  XSync (display, True);

  start = now_seconds ();
  pid = fork ();
  if (pid < 0)
    return -1;
  if (pid == 0)
    {
      execvp (argv[0], argv);
      _exit (127);
    }

  deadline = start + TIMEOUT_SECONDS;
  while (next_event (display, &event, deadline))
    {
      if (event.type == CreateNotify && !event.xcreatewindow.override_redirect &&
          n_created < (int) (sizeof created / sizeof created[0]))
        {
          /* Watched from creation, so no drawing can come before the watch. */
          created[n_created++] = event.xcreatewindow.window;
          XDamageCreate (display, event.xcreatewindow.window, XDamageReportNonEmpty);
        }
      else if (event.type == MapNotify && mapped == None)
        {
          for (int i = 0; i < n_created; i++)
            if (created[i] == event.xmap.window)
              mapped = event.xmap.window;
        }
      else if (event.type == damage_event_base + XDamageNotify && mapped != None &&
               ((XDamageNotifyEvent *) &event)->drawable == mapped)
        {
          result = now_seconds () - start;
          *rss_kb = peak_rss_kb (pid);
          *cpu = cpu_seconds (pid);
          break;
        }
    }

  stop_child (pid);
  XSelectInput (display, root, NoEventMask);
  XSync (display, True);
  return result;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  int runs, event_base, error_base, failures = 0;
  double *times, *cpu;
  long *rss;
  Display *display;

  if (argc < 3 || (runs = atoi (argv[1])) < 1)
    {
      fprintf (stderr, "usage: %s RUNS COMMAND [ARGUMENT…]\n", argv[0]);
      return 2;
    }
  display = XOpenDisplay (NULL);
  if (display == NULL)
    {
      fprintf (stderr, "%s: cannot open the X display\n", argv[0]);
      return 2;
    }
  if (!XDamageQueryExtension (display, &event_base, &error_base))
    {
      fprintf (stderr, "%s: the X server has no DAMAGE extension\n", argv[0]);
      return 2;
    }

  times = calloc (runs, sizeof *times);
  rss = calloc (runs, sizeof *rss);
  cpu = calloc (runs, sizeof *cpu);
  for (int i = 0; i < runs; i++)
    {
      times[i] = measure_once (display, event_base, argv + 2, &rss[i], &cpu[i]);
      if (times[i] < 0)
        failures++;
      /* Let the exited program's memory and files settle between runs. */
      usleep (300000);
    }
  if (failures > 0)
    {
      fprintf (stderr, "%s: %d of %d runs drew no window within %.0f s\n", argv[0], failures, runs,
               TIMEOUT_SECONDS);
      return 1;
    }
  qsort (times, runs, sizeof *times, compare_doubles);
  qsort (cpu, runs, sizeof *cpu, compare_doubles);
  /* Peak RSS: the median of the runs, sorted on their own. */
  for (int i = 0; i < runs; i++)
    for (int j = i + 1; j < runs; j++)
      if (rss[j] < rss[i])
        {
          long t = rss[i];
          rss[i] = rss[j];
          rss[j] = t;
        }
  printf ("%.3f %.3f %.3f %.1f\n", times[runs / 2], times[runs - 1], cpu[runs / 2], rss[runs / 2] / 1024.0);
  free (times);
  free (cpu);
  free (rss);
  XCloseDisplay (display);
  return 0;
}
