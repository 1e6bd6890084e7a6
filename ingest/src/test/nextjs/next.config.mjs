/** @type {import('next').NextConfig} */
export default {
  // The test builds a copy in ingest/target; no lint step (not part of what is tested).
  eslint: { ignoreDuringBuilds: true },
};
