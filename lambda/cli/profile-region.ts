/**
 * The region of a named profile, as the AWS CLI and the SDK read it: the `region` of that profile
 * in the shared config file (AWS_CONFIG_FILE, default ~/.aws/config), or of AWS_PROFILE's when no
 * profile is named. Undefined when the file or the setting is absent.
 */
import { loadConfig, NODE_REGION_CONFIG_FILE_OPTIONS, NODE_REGION_CONFIG_OPTIONS } from '@smithy/core/config';

export async function profileRegion(profile: string | undefined): Promise<string | undefined> {
  try {
    // The environment is read before the file, as the SDK does: AWS_REGION wins over the profile.
    const region = await loadConfig(NODE_REGION_CONFIG_OPTIONS, { ...NODE_REGION_CONFIG_FILE_OPTIONS, ...(profile ? { profile } : {}) })();
    return region || undefined;
  } catch {
    return undefined;
  }
}
