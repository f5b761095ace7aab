/* Debian's luaconf.h patch includes this for the multiarch library path. */
#define DEB_HOST_MULTIARCH "wasm32-wasi"
