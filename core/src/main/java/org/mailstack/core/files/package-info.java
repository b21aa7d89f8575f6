/**
 * Files and directories the account's owner can change, opened so that no link or special file they plant is ever
 * followed or opened. Entry point: {@link org.mailstack.core.files.OwnerDirectory}.
 */
package org.mailstack.core.files;
