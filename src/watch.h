/* --watch (README "Live preview"): render again whenever a file the guide
 * is made from is saved. */
#ifndef GP_WATCH_H
#define GP_WATCH_H

/* Renders the command line (argv, less --watch) once, then again after
 * every save of a content file among argv[first_input..], the brand
 * (brand_path, or NULL) or an image either names; until SIGINT or SIGTERM,
 * which end it with status 0. 2 if the command line is bad (-o -). */
int gp_watch_main(int argc, char **argv, int first_input, const char *brand_path, const char *output);

#endif
