/*
 * bcryptprimitives.c: a stand-in for Windows' bcryptprimitives.dll under Wine 8.
 *
 * Go 1.22+ Windows binaries fetch randomness from bcryptprimitives!ProcessPrng,
 * which Wine 8 does not provide, so every Go test binary dies at start-up.
 * This DLL exports ProcessPrng and fills the buffer from advapi32's
 * SystemFunction036 (RtlGenRandom), which Wine does implement.
 * It is for running tests under Wine only and never ships.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
	/* RtlGenRandom takes a ULONG length; feed it in chunks. */
	while (length > 0) {
		ULONG n = length > 0x10000000 ? 0x10000000 : (ULONG)length;
		if (!SystemFunction036(data, n))
			return FALSE;
		data += n;
		length -= n;
	}
	return TRUE;
}

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved)
{
	(void)instance;
	(void)reason;
	(void)reserved;
	return TRUE;
}
