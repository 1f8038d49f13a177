export declare function bundledPackageDirs(metafiles: { inputs: Record<string, unknown> }[]): string[];
export declare function licenseNotices(packageDirs: string[], bundleName: string): string;
