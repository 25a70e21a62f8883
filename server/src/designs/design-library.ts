/**
 * Rendered designs in the Media Library: one file per content hash in the "Pinterest pins" folder,
 * uploaded through Strapi's upload plugin (so the site's upload provider serves it and its public
 * URL is the pin's `image_url`). Files are never deleted by the plugin: a live pin may use one.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import type { RenderedDesign } from './render';

const FILE_UID = 'plugin::upload.file';
const FOLDER_UID = 'plugin::upload.folder';

export interface DesignFile {
  id: number;
  url: string;
  mime: string;
  width: number | null;
  height: number | null;
  /** kilobytes, as Strapi stores it */
  size: number | null;
}

export const designFileName = (hash: string) => `pinterest-pin-${hash}.jpg`;

interface UploadService {
  upload(
    input: {
      data: { fileInfo: Record<string, unknown> };
      files: { filepath: string; originalFilename: string; mimetype: string; size: number };
    },
    opts?: unknown
  ): Promise<DesignFile[]>;
}
interface FolderService {
  create(data: { name: string; parent: number | null }): Promise<{ id: number }>;
}

export function createDesignLibrary(strapi: Core.Strapi, folderName: () => string) {
  let folderId: number | null = null;
  const files = () => strapi.db.query(FILE_UID);

  const folder = async (): Promise<number> => {
    if (folderId) return folderId;
    const name = folderName();
    const found = (await strapi.db
      .query(FOLDER_UID)
      .findOne({ where: { name, parent: { id: { $null: true } } } })) as {
      id: number;
    } | null;
    folderId = found
      ? found.id
      : (
          await strapi.plugin('upload').service<FolderService>('folder').create({
            name,
            parent: null,
          })
        ).id;
    return folderId;
  };

  return {
    folder,
    /** The design stored under this hash, if any. */
    async find(hash: string): Promise<DesignFile | null> {
      const row = (await files().findOne({
        where: { name: designFileName(hash), folder: { id: await folder() } },
        orderBy: { id: 'asc' },
      })) as DesignFile | null;
      return row ?? null;
    },
    /** Uploads a rendered design into the folder. */
    async save(hash: string, design: RenderedDesign): Promise<DesignFile> {
      const name = designFileName(hash);
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pinterest-design-'));
      const filepath = path.join(dir, name);
      try {
        await fs.writeFile(filepath, design.bytes);
        const [file] = await strapi
          .plugin('upload')
          .service<UploadService>('upload')
          .upload({
            data: {
              fileInfo: {
                name,
                alternativeText: design.altText,
                caption: 'Pin designed by the Pinterest plugin',
                folder: await folder(),
              },
            },
            files: {
              filepath,
              originalFilename: name,
              mimetype: design.mime,
              size: design.bytes.length,
            },
          });
        return file;
      } finally {
        await fs.rm(dir, { recursive: true, force: true });
      }
    },
    /** How many designs the folder holds (tests, the admin). */
    async count(): Promise<number> {
      return files().count({ where: { folder: { id: await folder() } } });
    },
    /** A Media Library file by id (the brand logo). */
    async file(id: number): Promise<DesignFile | null> {
      return ((await files().findOne({ where: { id } })) as DesignFile | null) ?? null;
    },
  };
}

export type DesignLibrary = ReturnType<typeof createDesignLibrary>;
