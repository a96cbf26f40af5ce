// Where the playlist admin's pages live under the console (the console's menu links the first).
export const playlistAdminPaths = {
  page: '/console/playlist',
  items: '/console/playlist/items',
  settings: '/console/playlist/settings',
  plays: '/console/playlist/plays',
  media: '/console/playlist/media',
} as const;
