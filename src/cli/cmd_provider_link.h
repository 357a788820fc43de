/*
 * cmd_provider_link.h - the subcommands of `cdcf provider` that link a client's
 * provider to the provider's organization and show that organization its
 * clients (ops/ops_provider_view.h).
 */
#ifndef CDCF_CMD_PROVIDER_LINK_H
#define CDCF_CMD_PROVIDER_LINK_H

/* Is argv[1] (the word after "provider") one of link, unlink, share, clients? */
int provider_link_is_sub(int argc, char **argv);

/* Run `cdcf provider link|unlink|share|clients ...` (argv[0] is "provider"): exit code. */
int provider_link_cmd(int argc, char **argv);

#endif
