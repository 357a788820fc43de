/*
 * layer_check.c - links one layer's library whole against only the layers it declares
 * (CMakeLists.txt, cdcf_layer): a call into a layer above it fails to link.
 */
int main(void)
{
	return 0;
}
